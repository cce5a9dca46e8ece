package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.Tracing;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.OtlpReceiver;
import ai.archon.gateway.support.OtlpReceiver.Received;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry traces end to end: the real gateway exports over OTLP/HTTP to an in-process receiver that decodes the
 * protobuf with the protocol's own classes; the mock upstream records the {@code traceparent} it was sent.
 */
class TracingEndToEndTest extends GatewayTestBase {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CLIENT_SPAN = "b7ad6b7169203331";
  private static final Map<String, String> CLIENT_HEADERS = Map.of(
      "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01", "tracestate", "vendor=abc",
      "x-request-id", "req-trace-1");
  private static final String CRITIQUES = "[1]\nStrengths: s1\nWeaknesses: w1\n\n[2]\nStrengths: s2\nWeaknesses: w2\n\n"
      + "[3]\nStrengths: s3\nWeaknesses: w3\n";
  /** The attributes the printed tree shows (docs/tracing.md holds one). */
  private static final List<String> SHOWN = List.of("archon.request_id", "archon.model", "archon.layer",
      "archon.component", "archon.attempt", "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model",
      "gen_ai.response.model", "gen_ai.request.temperature", "gen_ai.request.max_tokens", "gen_ai.usage.input_tokens",
      "gen_ai.usage.output_tokens", "http.response.status_code", "archon.status", "archon.degraded",
      "archon.usage.input_tokens", "archon.usage.output_tokens", "error.type");

  private final OtlpReceiver receiver = OtlpReceiver.start(gateway.vertx());
  private Tracing tracing = Tracing.OFF;

  @AfterEach
  void closeTracing() {
    tracing.close();
  }

  private String start(Map<String, String> configs, String settingsJson, boolean captureContent) {
    Map<String, String> otel = new HashMap<>();
    otel.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    otel.put("OTEL_BSP_SCHEDULE_DELAY", "50");
    if (captureContent) otel.put(Tracing.CAPTURE_CONTENT, "true");
    tracing = Tracing.create(otel);
    assertTrue(tracing.on(), "an endpoint turns tracing on");
    Tracing traced = tracing;
    return gateway.start(configs, settingsJson, new GatewayEvents() {
      @Override
      public Tracing tracing() { return traced; }
    }).url();
  }

  private List<Received> awaitSpans(int count) {
    tracing.flush();
    List<Received> spans = receiver.awaitSpans(count);
    assertEquals(count, spans.size(), "spans: " + spans.stream().map(Received::name).toList());
    return spans;
  }

  private static <T> T only(List<T> items, String what) {
    assertEquals(1, items.size(), what + ": " + items);
    return items.get(0);
  }

  @Test
  void anEnsembleRequestIsOneTreeUnderTheClientsSpanAndEveryUpstreamCallCarriesItsAttemptSpan() throws IOException {
    String tri = config("tri",
        layer(component("generator", "gpt-gen", "OpenAI_API", "\"temperature\":0.5"),
            component("generator", "claude-gen", "Anthropic_API", null),
            component("generator", "gemini-gen", "Google_API", null)),
        layer(component("critic", "claude-critic", "Anthropic_API", null)),
        layer(component("ranker", "gpt-ranker", "OpenAI_API", "\"top_k\":2")),
        layer(component("fuser", "gemini-fuser", "Google_API", "\"temperature\":0.2,\"max_tokens\":900")));
    String url = start(Map.of("tri.json", tri), null, false);
    TriEnsemble.script(upstream, "claude-gen", CRITIQUES, "[3] > [2] > [1]");

    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null),
        CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());

    // server + 4 layers + 6 components + 6 attempts, all in the client's trace
    List<Received> spans = awaitSpans(17);
    spans.forEach(s -> assertEquals(TRACE_ID, s.traceId(), s.name()));
    assertTrue(receiver.services().stream().allMatch("archon-gateway"::equals), receiver.services().toString());
    Received server = only(spans.stream().filter(s -> s.kind().equals("SERVER")).toList(), "server spans");
    assertEquals(CLIENT_SPAN, server.parentId(), "the client's traceparent is the parent");
    assertEquals("POST /v1/chat/completions", server.name());
    assertEquals("req-trace-1", server.attr("archon.request_id"));
    assertEquals(200L, server.attr("http.response.status_code"));
    assertEquals("tri", server.attr("archon.model"));
    assertEquals(false, server.attr("archon.degraded"));
    assertEquals(6L, server.attr("archon.upstream_calls"));
    assertEquals(10L + 20 + 30 + 40 + 50 + 60, server.attr("archon.usage.input_tokens"));
    assertEquals(1L + 2 + 3 + 4 + 5 + 6, server.attr("archon.usage.output_tokens"));

    List<Received> layers = receiver.children(server);
    assertEquals(List.of("layer 1", "layer 2", "layer 3", "layer 4"), layers.stream().map(Received::name).toList());
    assertEquals(List.of(3, 1, 1, 1), layers.stream().map(l -> receiver.children(l).size()).toList());
    for (int i = 0; i < 4; i++) {
      assertEquals((long) i + 1, layers.get(i).attr("archon.layer"));
      assertEquals("tri", layers.get(i).attr("archon.model"));
      for (Received c : receiver.children(layers.get(i))) {
        assertEquals("INTERNAL", c.kind());
        assertEquals("ok", c.attr("archon.status"), c.name());
        assertEquals(false, c.attr("archon.degraded"));
        assertEquals((long) i + 1, c.attr("archon.layer"));
      }
    }
    Received critic = receiver.children(layers.get(1)).get(0);
    assertEquals("critic claude-critic", critic.name());
    assertEquals("critic claude-critic (Anthropic_API)", critic.attr("archon.component"));
    assertEquals(40L, critic.attr("archon.usage.input_tokens"));

    Map<String, long[]> usage = Map.of("gpt-gen", new long[] {10, 1}, "claude-gen", new long[] {20, 2},
        "gemini-gen", new long[] {30, 3}, "claude-critic", new long[] {40, 4}, "gpt-ranker", new long[] {50, 5},
        "gemini-fuser", new long[] {60, 6});
    Map<String, String> providers = Map.of("gpt-gen", "openai", "claude-gen", "anthropic", "gemini-gen", "gcp.gemini",
        "claude-critic", "anthropic", "gpt-ranker", "openai", "gemini-fuser", "gcp.gemini");
    for (Map.Entry<String, long[]> e : usage.entrySet()) {
      String model = e.getKey();
      Received attempt = only(receiver.named("chat " + model), "attempts of " + model);
      Received parent = spans.stream().filter(s -> s.spanId().equals(attempt.parentId())).findFirst().orElseThrow();
      assertEquals(model, parent.attr("gen_ai.request.model"), "an attempt hangs under its component");
      assertEquals("CLIENT", attempt.kind());
      assertEquals("chat", attempt.attr("gen_ai.operation.name"));
      assertEquals(providers.get(model), attempt.attr("gen_ai.provider.name"));
      assertEquals(providers.get(model), attempt.attr("gen_ai.system"));
      assertEquals(model, attempt.attr("gen_ai.request.model"));
      assertEquals(model, attempt.attr("gen_ai.response.model"));
      assertEquals(e.getValue()[0], attempt.attr("gen_ai.usage.input_tokens"), model);
      assertEquals(e.getValue()[1], attempt.attr("gen_ai.usage.output_tokens"), model);
      assertEquals(1L, attempt.attr("archon.attempt"));
      assertEquals("ok", attempt.attr("archon.status"));
      // The upstream was sent this attempt's span as its parent, and the client's tracestate with it.
      RecordedRequest sent = only(upstream.requests(model), "requests to " + model);
      assertEquals("00-" + TRACE_ID + "-" + attempt.spanId() + "-01", sent.header("traceparent"), model);
      assertEquals("vendor=abc", sent.header("tracestate"), model);
    }
    Received generator = only(receiver.named("chat gpt-gen"), "gpt-gen");
    assertEquals(0.5, generator.attr("gen_ai.request.temperature"));
    Received fuser = only(receiver.named("chat gemini-fuser"), "fuser");
    assertEquals(0.2, fuser.attr("gen_ai.request.temperature"));
    assertEquals(900L, fuser.attr("gen_ai.request.max_tokens"));
    for (Received s : spans) {
      assertFalse(s.attributes().containsKey("gen_ai.input.messages"), "no prompt text without the opt-in: " + s.name());
      assertFalse(s.attributes().containsKey("gen_ai.output.messages"), "no answer text without the opt-in: " + s.name());
    }
    // The decoded tree, for docs/tracing.md.
    Files.writeString(Path.of("target/tracing-tree.txt"), receiver.tree(server, SHOWN));
  }

  @Test
  void aRetried429ShowsTwoSiblingAttemptsAndTheRetryEvent() throws IOException {
    String url = start(GatewayExtension.oneGenerator(),
        "{\"providers\": {\"OpenAI_API\": {\"retry\": {\"max_attempts\": 3, \"initial_backoff_ms\": 1}}}}", false);
    upstream.respondInOrder("gpt-x", Reply.status(429), Reply.text("at last").usage(7, 2));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null), CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(2, upstream.calls("gpt-x"));

    awaitSpans(5); // server, layer, component, two attempts
    Received component = only(receiver.named("generator gpt-x"), "component");
    List<Received> attempts = receiver.children(component);
    assertEquals(List.of("chat gpt-x", "chat gpt-x"), attempts.stream().map(Received::name).toList());
    Received first = attempts.get(0);
    Received second = attempts.get(1);
    assertEquals(1L, first.attr("archon.attempt"));
    assertEquals("error", first.attr("archon.status"));
    assertEquals(429L, first.attr("http.response.status_code"));
    assertEquals("429", first.attr("error.type"));
    assertEquals("ERROR", first.status());
    assertNull(first.attr("gen_ai.usage.input_tokens"), "a failed attempt reports no usage");
    assertEquals(2L, second.attr("archon.attempt"));
    assertEquals("ok", second.attr("archon.status"));
    assertEquals(7L, second.attr("gen_ai.usage.input_tokens"));
    assertTrue(component.events().stream().anyMatch(e -> e.startsWith("archon.upstream.retry")
        && e.contains("error.type=429")), component.events().toString());
    // Each attempt went out with its own span as the parent.
    List<RecordedRequest> sent = upstream.requests("gpt-x");
    assertEquals("00-" + TRACE_ID + "-" + first.spanId() + "-01", sent.get(0).header("traceparent"));
    assertEquals("00-" + TRACE_ID + "-" + second.spanId() + "-01", sent.get(1).header("traceparent"));
    Received server = only(receiver.named("POST /v1/chat/completions"), "server");
    assertEquals(1L, server.attr("archon.retries"));
    Files.writeString(Path.of("target/tracing-retry-tree.txt"), receiver.tree(server, SHOWN));
  }

  @Test
  void anOpenBreakerIsAnEventOnTheComponentAndTheFailedRequestAnErrorSpan() {
    String url = start(GatewayExtension.oneGenerator(), "{\"providers\": {\"OpenAI_API\": {\"retry\": {\"max_attempts\": 1},"
        + " \"circuit_breaker\": {\"window_size\": 2, \"minimum_calls\": 2, \"open_ms\": 30000}}}}", false);
    upstream.respond("gpt-x", Reply.status(500));
    for (int i = 0; i < 2; i++) Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null));
    HttpResponse<String> open = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null), CLIENT_HEADERS);
    assertEquals(503, open.statusCode(), open.body());
    assertEquals(2, upstream.calls("gpt-x"), "the open breaker let no request out");

    // two failed requests of 4 spans each, then the refused one: server, layer, component and no attempt
    List<Received> spans = awaitSpans(11);
    Received server = only(spans.stream().filter(s -> s.parentId().equals(CLIENT_SPAN)).toList(), "refused request");
    assertEquals(503L, server.attr("http.response.status_code"));
    assertEquals("ERROR", server.status());
    Received layer = only(receiver.children(server), "layers");
    assertEquals("ERROR", layer.status(), "the layer produced no candidates");
    Received component = only(receiver.children(layer), "components");
    assertEquals("failed", component.attr("archon.status"));
    assertEquals(true, component.attr("archon.degraded"));
    assertTrue(receiver.children(component).isEmpty(), "no attempt span: no request left");
    assertTrue(component.events().stream().anyMatch(e -> e.startsWith("archon.upstream.rejected")
        && e.contains("archon.reason=breaker_open")), component.events().toString());
    // The failed attempts before it were 500s.
    List<Received> failed = receiver.named("chat gpt-x");
    assertEquals(2, failed.size());
    failed.forEach(a -> assertEquals("500", a.attr("error.type")));
  }

  @Test
  void aStreamedEnsembleIsTracedLikeAnAnsweredOne() {
    String url = start(GatewayExtension.oneGenerator(), null, false);
    upstream.respond("gpt-x", Reply.text("streamed words").chunks("streamed", " words").usage(4, 2));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", "\"stream\":true"),
        CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());
    assertTrue(resp.body().contains("[DONE]"), resp.body());

    awaitSpans(4);
    Received server = only(receiver.named("POST /v1/chat/completions"), "server");
    assertEquals(true, server.attr("archon.stream"));
    assertEquals(CLIENT_SPAN, server.parentId());
    Received attempt = only(receiver.named("chat gpt-x"), "attempt");
    assertEquals(4L, attempt.attr("gen_ai.usage.input_tokens"));
    assertEquals("00-" + TRACE_ID + "-" + attempt.spanId() + "-01", upstream.requests("gpt-x").get(0).header("traceparent"));
  }

  @Test
  void promptAndAnswerTextAppearOnlyWithTheOptIn() {
    String url = start(GatewayExtension.oneGenerator(), null, true);
    upstream.respond("gpt-x", Reply.text("a secret answer").usage(3, 3));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "a private question", null));
    assertEquals(200, resp.statusCode(), resp.body());

    awaitSpans(4);
    Received attempt = only(receiver.named("chat gpt-x"), "attempt");
    assertTrue(receiver.named("POST /v1/chat/completions").get(0).isRoot(), "no client traceparent: a new trace");
    String in = (String) attempt.attr("gen_ai.input.messages");
    String out = (String) attempt.attr("gen_ai.output.messages");
    assertTrue(in != null && in.contains("\"role\":\"user\"") && in.contains("a private question"), String.valueOf(in));
    assertTrue(out != null && out.contains("a secret answer") && out.contains("\"finish_reason\":\"stop\""),
        String.valueOf(out));
  }

  @Test
  void aPassThroughRequestHasItsServerSpanAndAttemptSpan() {
    String url = start(GatewayExtension.oneGenerator(), null, false);
    upstream.respond("gpt-direct", Reply.text("direct").usage(5, 1));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("OpenAI_API/gpt-direct", "hi", "\"temperature\":0.7,\"max_tokens\":50"), CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());

    awaitSpans(2);
    Received server = only(receiver.named("POST /v1/chat/completions"), "server");
    assertEquals(CLIENT_SPAN, server.parentId());
    assertEquals("OpenAI_API/gpt-direct", server.attr("archon.model"));
    Received attempt = only(receiver.children(server), "attempts");
    assertEquals("chat gpt-direct", attempt.name());
    assertEquals("openai", attempt.attr("gen_ai.provider.name"));
    assertEquals(0.7, attempt.attr("gen_ai.request.temperature"));
    assertEquals(50L, attempt.attr("gen_ai.request.max_tokens"));
    assertEquals(5L, attempt.attr("gen_ai.usage.input_tokens"));
    assertEquals(1L, attempt.attr("gen_ai.usage.output_tokens"));
    assertEquals("00-" + TRACE_ID + "-" + attempt.spanId() + "-01",
        upstream.requests("gpt-direct").get(0).header("traceparent"));
  }

  @Test
  void anEmbeddingsRequestHasItsServerSpanAndEmbeddingsAttempt() {
    String url = start(GatewayExtension.oneGenerator(), null, false);
    upstream.respond("text-embedding-3-small", Reply.raw(200, "application/json", "{\"object\":\"list\",\"data\":"
        + "[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5]}],\"model\":\"text-embedding-3-small\","
        + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
    HttpResponse<String> resp = Http.post(url + "/v1/embeddings",
        "{\"model\":\"OpenAI_API/text-embedding-3-small\",\"input\":\"a\"}", CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());

    awaitSpans(2);
    Received server = only(receiver.named("POST /v1/embeddings"), "server");
    assertEquals(CLIENT_SPAN, server.parentId());
    Received attempt = only(receiver.children(server), "attempts");
    assertEquals("embeddings text-embedding-3-small", attempt.name());
    assertEquals("embeddings", attempt.attr("gen_ai.operation.name"));
    assertEquals(2L, attempt.attr("gen_ai.usage.input_tokens"));
    assertEquals("00-" + TRACE_ID + "-" + attempt.spanId() + "-01",
        upstream.requests("text-embedding-3-small").get(0).header("traceparent"));
  }

  @Test
  void withoutAnEndpointNothingIsTracedOrPropagated() {
    assertFalse(Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")).on());
    assertFalse(Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "OTEL_SDK_DISABLED", "true"))
        .on(), "OTEL_SDK_DISABLED wins");
    assertFalse(Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")).on(), "no gRPC sender is bundled: tracing stays off, the gateway runs");
    String url = gateway.start(GatewayExtension.oneGenerator()).url();
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null), CLIENT_HEADERS);
    assertEquals(200, resp.statusCode(), resp.body());
    // Off, the gateway is no part of the trace: the client's traceparent is not forwarded either.
    assertNull(upstream.requests("gpt-x").get(0).header("traceparent"));
    assertTrue(receiver.spans().isEmpty());
  }
}

package ai.archon.gateway.observe;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Prometheus.value;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.server.GatewayOptions;
import ai.archon.gateway.server.GatewayServer;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics} and the JSON access log after real traffic through the gateway and the mock upstream. */
class MetricsAndAccessLogTest extends GatewayTestBase {
  private static final String SECRET_PROMPT = "zebra-pancake-7781";
  private static final String SECRET_ANSWER = "violet-teapot-4412";
  private Telemetry telemetry;
  private String url;
  private ListAppender<ILoggingEvent> logs;
  private Logger root;

  @BeforeEach
  void start() throws Exception {
    Path settingsFile = Files.createTempFile("gateway", ".json");
    Files.writeString(settingsFile, "{\"price_per_mtok\": {\"OpenAI_API/gpt-x\": {\"input\": 2.0, \"output\": 8.0}}}");
    Path configs = TestGateway.configs(Map.of(
        "one.json", config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))),
        "pair.json", config("pair", layer(component("generator", "gpt-x", "OpenAI_API", null),
            component("generator", "gpt-bad", "OpenAI_API", null)), layer(component("fuser", "gpt-x", "OpenAI_API", null)))));
    Settings settings = SettingsLoader.load(settingsFile, gateway.env());
    LoadReport report = new ConfigLoader(settings.providers().keySet(), ComponentFactory.SUPPORTED)
        .loadPaths(List.of(configs), settingsFile);
    telemetry = new Telemetry(settings::prices);
    url = GatewayServer.start(gateway.vertx(), new GatewayOptions("127.0.0.1", 0, settings.maxBodyBytes(), 200), settings,
        report.ensembles(), 1, telemetry).await().url();
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stop() {
    root.detachAppender(logs);
  }

  @Test
  void metricsCountRequestsUpstreamCallsTokensAndCost() {
    upstream.respond("gpt-x", Reply.text(SECRET_ANSWER).usage(100, 50));
    upstream.respond("gpt-bad", Reply.status(400));
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", SECRET_PROMPT, null)).statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", SECRET_PROMPT, null)).statusCode());
    HttpResponse<String> streamed = Http.post(url + "/v1/chat/completions", Http.chat("one", SECRET_PROMPT, "\"stream\":true"));
    assertTrue(streamed.body().contains("[DONE]"));
    assertEquals(404, Http.post(url + "/v1/chat/completions", Http.chat("nope", SECRET_PROMPT, null)).statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("pair", SECRET_PROMPT, null)).statusCode());

    HttpResponse<String> resp = Http.get(url + "/metrics");
    assertEquals(200, resp.statusCode());
    String m = resp.body();
    assertEquals(2.0, value(m, "archon_requests_total", "model=\"one\"", "status=\"200\"", "stream=\"false\""));
    assertEquals(1.0, value(m, "archon_requests_total", "model=\"one\"", "status=\"200\"", "stream=\"true\""));
    assertEquals(1.0, value(m, "archon_requests_total", "model=\"unknown\"", "status=\"404\""));
    assertEquals(1.0, value(m, "archon_requests_total", "model=\"pair\"", "status=\"200\""));
    assertEquals(2.0, value(m, "archon_request_duration_seconds_count", "model=\"one\"", "stream=\"false\""));
    assertEquals(1.0, value(m, "archon_time_to_first_token_seconds_count", "model=\"one\""));
    assertEquals(0.0, value(m, "archon_requests_in_flight"));
    // one, one, one (stream), pair: generator + fuser = 5 ok calls of gpt-x; gpt-bad failed once (400, not retried)
    assertEquals(5.0, value(m, "archon_upstream_requests_total", "model=\"gpt-x\"", "outcome=\"ok\"", "provider=\"OpenAI_API\""));
    assertEquals(1.0, value(m, "archon_upstream_requests_total", "model=\"gpt-bad\"", "outcome=\"error\""));
    assertEquals(5.0, value(m, "archon_upstream_request_duration_seconds_count", "model=\"gpt-x\"", "outcome=\"ok\""));
    assertEquals(500.0, value(m, "archon_upstream_tokens_total", "model=\"gpt-x\"", "direction=\"input\""));
    assertEquals(250.0, value(m, "archon_upstream_tokens_total", "model=\"gpt-x\"", "direction=\"output\""));
    // 500 in * $2/M + 250 out * $8/M = $0.003
    assertEquals(0.003, value(m, "archon_estimated_cost_usd_total", "model=\"gpt-x\""), 1e-9);
    assertFalse(m.contains("archon_estimated_cost_usd_total{model=\"gpt-bad\""), "no price, no cost series");
    assertTrue(m.contains("archon_request_duration_seconds_bucket{"), "latency is a histogram");
  }

  @Test
  void upstreamCallsInFlightArePerProviderGauges() throws Exception {
    upstream.respond("gpt-x", Reply.text("slow").delayMs(1500));
    CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
        () -> Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null)));
    double inFlight = -1;
    for (long end = System.nanoTime() + 1_200_000_000L; System.nanoTime() < end && inFlight != 1.0; ) {
      String m = Http.get(url + "/metrics").body();
      if (m.contains("archon_upstream_in_flight{")) inFlight = value(m, "archon_upstream_in_flight", "provider=\"OpenAI_API\"");
    }
    assertEquals(1.0, inFlight, "the delayed call is in flight");
    assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
    String m = Http.get(url + "/metrics").body();
    assertEquals(0.0, value(m, "archon_upstream_in_flight", "provider=\"OpenAI_API\""));
    assertEquals(0.0, value(m, "archon_upstream_queued", "provider=\"OpenAI_API\""));
  }

  @Test
  void aRelayedPassThroughStreamCountsTheTokensOfItsUsageChunk() {
    upstream.respond("gpt-x", Reply.text(SECRET_ANSWER).usage(30, 12));
    HttpResponse<String> plain = Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/gpt-x", "hi", "\"stream\":true"));
    assertTrue(plain.body().contains("[DONE]"));
    String m = Http.get(url + "/metrics").body();
    assertFalse(m.contains("archon_upstream_tokens_total{"), "no usage chunk was asked for, so none is counted");

    HttpResponse<String> withUsage = Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/gpt-x", "hi",
        "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertTrue(withUsage.body().contains("\"prompt_tokens\":30"), "the usage chunk is relayed as sent");
    m = Http.get(url + "/metrics").body();
    assertEquals(30.0, value(m, "archon_upstream_tokens_total", "model=\"gpt-x\"", "direction=\"input\""));
    assertEquals(12.0, value(m, "archon_upstream_tokens_total", "model=\"gpt-x\"", "direction=\"output\""));
  }

  @Test
  void resilienceEventsBecomeSeries() {
    telemetry.upstreamRetry("OpenAI_API", "gpt-x", 100);
    telemetry.upstreamRetry("OpenAI_API", "gpt-x", 200);
    telemetry.rateLimitWait("provider", "OpenAI_API", 250_000_000L);
    telemetry.rateLimitRejected("key", "team-a");
    telemetry.breakerTransition("Anthropic_API", "CLOSED", "OPEN");
    String m = Http.get(url + "/metrics").body();
    assertEquals(2.0, value(m, "archon_upstream_retries_total", "model=\"gpt-x\"", "provider=\"OpenAI_API\""));
    assertEquals(1.0, value(m, "archon_rate_limit_wait_seconds_count", "name=\"OpenAI_API\"", "scope=\"provider\""));
    assertEquals(0.25, value(m, "archon_rate_limit_wait_seconds_sum", "name=\"OpenAI_API\""), 1e-9);
    assertEquals(1.0, value(m, "archon_rate_limit_rejections_total", "name=\"team-a\"", "scope=\"key\""));
    assertEquals(1.0, value(m, "archon_circuit_breaker_transitions_total", "from=\"closed\"", "provider=\"Anthropic_API\"", "to=\"open\""));
    assertEquals(1.0, value(m, "archon_circuit_breaker_state", "provider=\"Anthropic_API\"", "state=\"open\""));
    assertEquals(0.0, value(m, "archon_circuit_breaker_state", "provider=\"Anthropic_API\"", "state=\"closed\""));
    telemetry.breakerTransition("Anthropic_API", "OPEN", "HALF_OPEN");
    m = Http.get(url + "/metrics").body();
    assertEquals(0.0, value(m, "archon_circuit_breaker_state", "provider=\"Anthropic_API\"", "state=\"open\""));
    assertEquals(1.0, value(m, "archon_circuit_breaker_state", "provider=\"Anthropic_API\"", "state=\"half_open\""));
    assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
        && e.getFormattedMessage().contains("Anthropic_API went from CLOSED to OPEN")));
  }

  @Test
  void scaleOutEventsBecomeSeries() {
    String m = Http.get(url + "/metrics").body();
    assertEquals(-1.0, value(m, "archon_shared_store_up"), "no Redis configured");
    telemetry.sharedStoreState("down");
    telemetry.sharedStoreFallback("provider", "local");
    telemetry.sharedStoreFallback("provider", "local");
    telemetry.cacheLookup("one", "hit");
    telemetry.cacheLookup("one", "miss");
    telemetry.cacheLookup("one", "hit");
    m = Http.get(url + "/metrics").body();
    assertEquals(0.0, value(m, "archon_shared_store_up"));
    assertEquals(2.0, value(m, "archon_shared_limit_fallbacks_total", "action=\"local\"", "scope=\"provider\""));
    assertEquals(2.0, value(m, "archon_cache_lookups_total", "model=\"one\"", "result=\"hit\""));
    assertEquals(1.0, value(m, "archon_cache_lookups_total", "model=\"one\"", "result=\"miss\""));
    telemetry.sharedStoreState("up");
    assertEquals(1.0, value(Http.get(url + "/metrics").body(), "archon_shared_store_up"));
  }

  @Test
  void oneJsonAccessLinePerRequestAndNoPromptOrAnswerAboveDebug() {
    upstream.respond("gpt-x", Reply.text(SECRET_ANSWER).usage(100, 50));
    upstream.respond("gpt-bad", Reply.status(500).message("upstream echoed " + SECRET_PROMPT));
    Http.post(url + "/v1/chat/completions", Http.chat("one", SECRET_PROMPT, null), Map.of("x-request-id", "req-1"));
    Http.post(url + "/v1/chat/completions", Http.chat("pair", SECRET_PROMPT, "\"stream\":true"), Map.of("x-request-id", "req-2"));
    Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/gpt-x", SECRET_PROMPT, null), Map.of("x-request-id", "req-3"));
    Http.post(url + "/v1/chat/completions", "{\"model\":\"one\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + SECRET_PROMPT + "\"}],\"temperature\":\"hot\"}", Map.of("x-request-id", "req-4"));
    awaitAccessLines(4);

    LogLayout json = new LogLayout();
    json.setFormat("json");
    json.start();
    List<ILoggingEvent> access = accessLines();
    JsonNode first = Json.parse(json.doLayout(access.stream().filter(e -> json.doLayout(e).contains("req-1")).findFirst().orElseThrow()));
    assertEquals("access", first.path("message").asText());
    assertEquals("archon.access", first.path("logger").asText());
    assertEquals("one", first.path("model").asText());
    assertEquals(200, first.path("status").asInt());
    assertEquals(1, first.path("upstream_calls").asInt());
    assertEquals(100, first.path("prompt_tokens").asInt());
    assertEquals(50, first.path("completion_tokens").asInt());
    assertEquals(0, first.path("retries").asInt());
    assertFalse(first.path("degraded").asBoolean());
    assertTrue(first.has("key_name") && first.get("key_name").isNull());
    assertTrue(first.path("latency_ms").isIntegralNumber());
    assertTrue(first.get("ttft_ms").isNull());

    JsonNode second = Json.parse(json.doLayout(access.stream().filter(e -> json.doLayout(e).contains("req-2")).findFirst().orElseThrow()));
    assertTrue(second.path("stream").asBoolean());
    assertTrue(second.path("degraded").asBoolean(), "one of two generators failed");
    // gpt-x for the generator and the fuser, gpt-bad three times: its 500 is retried twice by the resilience layer
    assertEquals(5, second.path("upstream_calls").asInt());
    assertEquals(2, second.path("retries").asInt());
    assertEquals(3, upstream.calls("gpt-bad"));
    assertTrue(second.path("ttft_ms").asLong() >= 0);
    JsonNode fourth = Json.parse(json.doLayout(access.stream().filter(e -> json.doLayout(e).contains("req-4")).findFirst().orElseThrow()));
    assertEquals(400, fourth.path("status").asInt());

    for (ILoggingEvent e : logs.list) {
      if (!e.getLevel().isGreaterOrEqual(Level.INFO)) continue;
      String line = json.doLayout(e);
      assertFalse(line.contains(SECRET_PROMPT), "prompt text in an info+ log line: " + line);
      assertFalse(line.contains(SECRET_ANSWER), "answer text in an info+ log line: " + line);
      assertFalse(line.contains("sk-test-openai"), "a key in a log line: " + line);
    }
  }

  private List<ILoggingEvent> accessLines() {
    return logs.list.stream().filter(e -> e.getLoggerName().equals("archon.access")).toList();
  }

  private void awaitAccessLines(int n) {
    long deadline = System.currentTimeMillis() + 5000;
    while (accessLines().size() < n && System.currentTimeMillis() < deadline) Thread.onSpinWait();
    assertEquals(n, accessLines().size());
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;

import static ai.archon.gateway.provider.MapperAsserts.json;
import static ai.archon.gateway.provider.TestUpstream.assertCancelled;
import static ai.archon.gateway.provider.TestUpstream.await;
import static ai.archon.gateway.provider.TestUpstream.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenAiCompatibleProviderTest {
  static final String KEY = "sk-test-0123456789";

  Vertx vertx;
  TestUpstream upstream;
  OpenAiCompatibleProvider provider;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    upstream = TestUpstream.start(vertx);
    provider = provider("OpenAI_API", KEY, Timeouts.DEFAULT);
  }

  OpenAiCompatibleProvider provider(String modelType, String key, Timeouts timeouts) {
    ProviderSpec spec = new ProviderSpec(modelType, "openai", upstream.baseUrl() + "/v1/", List.of("OPENAI_API_KEY"), key != null, null);
    return new OpenAiCompatibleProvider(vertx, upstream.client(), spec, key, timeouts);
  }

  static ChatRequest request(String model, Integer maxTokens) {
    return new ChatRequest(model, List.of(Message.system("Be brief."), Message.user("Capital of France?")),
        0.5, maxTokens, null, null, null, null, null, null);
  }

  @Test
  void completeSendsTheExactRequestAndReadsTheReply() throws Exception {
    upstream.json(200, Fixtures.text("openai/completion.json"));
    ChatResult result = await(upstream.onLoop(() -> provider.complete(request("gpt-4o", 100000), new CallContext("r1"))));
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(24, 7), "stop"), result);

    TestUpstream.Seen s = upstream.seen.get(0);
    assertEquals("POST", s.method());
    assertEquals("/v1/chat/completions", s.uri());
    assertEquals("Bearer " + KEY, s.headers().get("authorization"));
    assertEquals("application/json", s.headers().get("content-type"));
    assertEquals("application/json", s.headers().get("accept"));
    assertEquals(json("""
        {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"}],
         "temperature":0.5,"max_tokens":16384}
        """), s.json(), "max_tokens clamped to gpt-4o's 16384");
    assertEquals("OpenAI_API", provider.name());
  }

  @Test
  void aReplyThatArrivesInSeveralChunksIsReadWhole() throws Exception {
    byte[] body = Fixtures.bytes("openai/completion.json");
    upstream.reply((seen, r) -> {
      r.setChunked(true).putHeader("content-type", "application/json");
      int third = body.length / 3;
      r.write(Buffer.buffer(body).slice(0, third));
      vertx.setTimer(5, t -> {
        r.write(Buffer.buffer(body).slice(third, 2 * third));
        vertx.setTimer(5, t2 -> r.end(Buffer.buffer(body).slice(2 * third, body.length)));
      });
    });
    ChatResult result = await(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(24, 7), "stop"), result);
    Buffer relayed = await(upstream.onLoop(() -> provider.forward((ObjectNode) JsonIo.read(Buffer.buffer("{\"model\":\"gpt-4o\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), CallContext.detached())));
    assertEquals(Buffer.buffer(body), relayed, "the relayed reply is byte for byte the upstream's");
  }

  @Test
  void reasoningModelsGetMaxCompletionTokensAndNoKeyMeansNoAuthorization() throws Exception {
    upstream.json(200, Fixtures.text("openai/completion.json"));
    await(upstream.onLoop(() -> provider.complete(request("o3-mini", 500), CallContext.detached())));
    assertEquals(500, upstream.seen.get(0).json().get("max_completion_tokens").asInt());

    OpenAiCompatibleProvider local = provider("vLLM", null, Timeouts.DEFAULT);
    await(upstream.onLoop(() -> local.complete(request("o3-mini", 500), CallContext.detached())));
    TestUpstream.Seen s = upstream.seen.get(1);
    assertNull(s.headers().get("authorization"));
    assertEquals(500, s.json().get("max_tokens").asInt());
    assertEquals("vLLM", local.name());
  }

  @Test
  void streamDeliversDeltasInOrder() throws Exception {
    upstream.sse(Fixtures.bytes("openai/stream.sse"), 7);
    List<String> deltas = new CopyOnWriteArrayList<>();
    ChatResult result = await(upstream.onLoop(() -> provider.stream(request("gpt-4o-mini", null), new CallContext("r2"), deltas::add)));
    assertEquals(List.of("Bonjour", ", café", " \uD83D\uDE42!"), deltas);
    assertEquals(new ChatResult("Bonjour, café \uD83D\uDE42!", new Usage(19, 6), "stop"), result);

    TestUpstream.Seen s = upstream.seen.get(0);
    assertEquals("text/event-stream", s.headers().get("accept"));
    assertEquals(json("""
        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"}],
         "temperature":0.5,"stream":true,"stream_options":{"include_usage":true}}
        """), s.json());
  }

  @Test
  void nonSuccessStatusBecomesUpstreamExceptionWithTheErrorMessage() throws Exception {
    upstream.json(429, Fixtures.text("openai/error-429.json"));
    UpstreamException e = failure(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(429, e.status());
    assertTrue(e.retryable());
    assertEquals("upstream_error", e.code());
    assertTrue(e.getMessage().startsWith("OpenAI_API (gpt-4o) answered HTTP 429: Rate limit reached for gpt-4o"), e.getMessage());
    assertFalse(e.getMessage().contains("rate_limit_exceeded"), "no raw body");

    upstream.json(400, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
    UpstreamException masked = failure(upstream.onLoop(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(400, masked.status());
    assertFalse(masked.getMessage().contains(KEY), masked.getMessage());
    assertTrue(masked.getMessage().contains("***"), masked.getMessage());

    upstream.json(502, "<html><body>Bad gateway</body></html>");
    UpstreamException html = failure(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(502, html.status());
    assertEquals("OpenAI_API (gpt-4o) answered HTTP 502", html.getMessage());
  }

  @Test
  void unreadableSuccessIsBadResponse() throws Exception {
    upstream.json(200, "{\"not\":\"a completion\"}");
    UpstreamException e = failure(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(200, e.status());
    assertEquals("bad_response", e.code());
    assertFalse(e.retryable());
  }

  @Test
  void errorInsideAStreamFailsTheCall() throws Exception {
    upstream.sse(Fixtures.bytes("openai/stream-error.sse"), 64);
    List<String> deltas = new CopyOnWriteArrayList<>();
    UpstreamException e = failure(upstream.onLoop(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), deltas::add)));
    assertEquals(500, e.status());
    assertEquals(List.of("Par"), deltas);
  }

  @Test
  void forwardKeepsEveryFieldButTheModelAndReturnsTheBodyAsIs() throws Exception {
    String reply = Fixtures.text("openai/completion.json");
    upstream.json(200, reply);
    ObjectNode client = (ObjectNode) json("""
        {"model":"OpenAI_API/gpt-4o","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":"auto","response_format":{"type":"json_object"},"logprobs":true,"top_logprobs":2,"n":2,
         "max_tokens":300000,"stream":false}
        """);
    Buffer body = await(upstream.onLoop(() -> provider.forward(client, new CallContext("r3"))));
    assertEquals(reply, body.toString());
    assertEquals(json("""
        {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":"auto","response_format":{"type":"json_object"},"logprobs":true,"top_logprobs":2,"n":2,
         "max_tokens":300000}
        """), upstream.seen.get(0).json());
    assertEquals("/v1/chat/completions", upstream.seen.get(0).uri());
    assertEquals("OpenAI_API/gpt-4o", client.get("model").asText(), "the client's body is not modified");
  }

  @Test
  void forwardStreamRelaysDataPayloadsVerbatim() throws Exception {
    byte[] transcript = Fixtures.bytes("openai/stream.sse");
    upstream.sse(transcript, 13);
    ObjectNode client = (ObjectNode) json("""
        {"model":"OpenAI_API/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,
         "stream_options":{"include_usage":true},"parallel_tool_calls":false}
        """);
    List<String> data = new CopyOnWriteArrayList<>();
    await(upstream.onLoop(() -> provider.forwardStream(client, new CallContext("r4"), data::add)));
    List<String> expected = Fixtures.decode(transcript, transcript.length).stream()
        .map(SseDecoder.Event::data).filter(d -> !d.equals("[DONE]")).toList();
    assertEquals(expected, data);
    assertEquals(6, data.size());
    assertEquals(json("""
        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,
         "stream_options":{"include_usage":true},"parallel_tool_calls":false}
        """), upstream.seen.get(0).json());
  }

  @Test
  void badArgumentsGiveFailedFuturesNotExceptions() {
    assertTrue(provider.complete(null, CallContext.detached()).failed());
    assertTrue(provider.stream(request("gpt-4o", null), null, d -> { }).failed());
    assertTrue(provider.forward((ObjectNode) null, CallContext.detached()).failed());
    assertTrue(provider.forwardStream((ObjectNode) null, CallContext.detached(), d -> { }).failed());
    assertTrue(provider.forward((Forwarding.Forward) null, CallContext.detached()).failed());
    assertTrue(provider.forwardStream((Forwarding.Forward) null, CallContext.detached(), d -> { }).failed());
  }

  @Test
  void upstreamModelDropsOnlyThisProvidersPrefix() {
    OpenAiCompatibleProvider together = provider("Together_API", KEY, Timeouts.DEFAULT);
    assertEquals("meta-llama/Llama-3-70b", together.upstreamModel("Together_API/meta-llama/Llama-3-70b"));
    assertEquals("meta-llama/Llama-3-70b", together.upstreamModel("meta-llama/Llama-3-70b"));
  }

  @Test
  void cancellingDuringAStreamResetsTheUpstreamRequest() throws Exception {
    upstream.stall("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}\n\n");
    CallContext ctx = new CallContext("r5");
    List<String> deltas = new CopyOnWriteArrayList<>();
    Future<ChatResult> call = upstream.onLoop(() -> provider.stream(request("gpt-4o", null), ctx, d -> {
      deltas.add(d);
      ctx.cancel();
    }));
    assertCancelled(failure(call));
    assertEquals(List.of("first"), deltas);
    await(upstream.closed.future());
  }

  @Test
  void cancellingBeforeTheReplyResetsTheUpstreamRequest() throws Exception {
    upstream.reply((s, r) -> { }); // never answers
    CallContext ctx = new CallContext("r6");
    Future<ChatResult> call = upstream.onLoop(() -> provider.complete(request("gpt-4o", null), ctx));
    await(upstream.received.future());
    upstream.onLoop(ctx::cancel);
    assertCancelled(failure(call));
    await(upstream.closed.future());
  }

  @Test
  void cancellingAForwardedStreamResetsTheUpstreamRequest() throws Exception {
    upstream.stall("data: {\"id\":\"x\"}\n\n");
    CallContext ctx = new CallContext("r7");
    ObjectNode client = (ObjectNode) json("{\"model\":\"gpt-4o\",\"messages\":[],\"stream\":true}");
    Future<Void> call = upstream.onLoop(() -> provider.forwardStream(client, ctx, d -> ctx.cancel()));
    assertCancelled(failure(call));
    await(upstream.closed.future());
  }

  @Test
  void alreadyCancelledContextSendsNothing() throws Exception {
    CallContext ctx = new CallContext("r8");
    ctx.cancel();
    assertCancelled(failure(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), ctx))));
    assertCancelled(failure(upstream.onLoop(() -> provider.stream(request("gpt-4o", null), ctx, d -> { }))));
    assertTrue(upstream.seen.isEmpty());
  }

  @Test
  void finishedCallsForgetTheirCancelHook() throws Exception {
    upstream.json(200, Fixtures.text("openai/completion.json"));
    CallContext ctx = new CallContext("r9");
    await(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), ctx)));
    upstream.onLoop(ctx::cancel); // nothing left to reset: must not throw or touch the pooled connection
    upstream.json(200, Fixtures.text("openai/completion.json"));
    assertEquals("stop", await(upstream.onLoop(() -> provider.complete(request("gpt-4o", null), CallContext.detached()))).finishReason());
  }

  @Test
  void idleUpstreamTimesOut() throws Exception {
    OpenAiCompatibleProvider impatient = provider("OpenAI_API", KEY, new Timeouts(2000, 300));
    upstream.stall("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n");
    UpstreamException e = failure(upstream.onLoop(() -> impatient.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(0, e.status());
    assertEquals("upstream_unreachable", e.code());
    assertTrue(e.retryable());

    upstream.reply((s, r) -> { });
    UpstreamException e2 = failure(upstream.onLoop(() -> impatient.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(0, e2.status());

    upstream.stall("{\"choices\":");
    UpstreamException e3 = failure(upstream.onLoop(() -> impatient.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(0, e3.status());
    assertTrue(e3.getMessage().endsWith("no data for 300 ms"), e3.getMessage());
  }

  @Test
  void droppedConnectionAndRefusedConnectionAreStatusZero() throws Exception {
    upstream.dropAfter("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n");
    UpstreamException dropped = failure(upstream.onLoop(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(0, dropped.status());

    ProviderSpec nowhere = new ProviderSpec("vLLM", "openai", "http://127.0.0.1:1/v1", List.of(), false, null);
    OpenAiCompatibleProvider refused = new OpenAiCompatibleProvider(vertx, upstream.client(), nowhere, null);
    UpstreamException e = failure(upstream.onLoop(() -> refused.complete(request("m", null), CallContext.detached())));
    assertEquals(0, e.status());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().startsWith("vLLM (m) answered HTTP 0"), e.getMessage());
  }
}

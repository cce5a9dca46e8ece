package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;

import static ai.archon.gateway.provider.MapperAsserts.json;
import static ai.archon.gateway.provider.LoopCalls.assertCancelled;
import static ai.archon.gateway.provider.LoopCalls.await;
import static ai.archon.gateway.provider.LoopCalls.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ai.archon.gateway.support.RawReplies;
import ai.archon.gateway.support.RecordedRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest extends ProviderTestBase {
  static final String KEY = "sk-test-0123456789";
  /** A stream's first event, carrying the piece "first". */
  static final String FIRST_PIECE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}\n\n";

  OpenAiCompatibleProvider provider;

  @BeforeEach
  void setUp() {
    provider = provider("OpenAI_API", KEY, Timeouts.DEFAULT);
  }

  OpenAiCompatibleProvider provider(String modelType, String key, Timeouts timeouts) {
    ProviderSpec spec = new ProviderSpec(modelType, "openai", upstream.baseUrl() + "/v1/", List.of("OPENAI_API_KEY"), key != null, null);
    return new OpenAiCompatibleProvider(vertx, loop.client(), spec, key, timeouts);
  }

  static ChatRequest request(String model, Integer maxTokens) {
    return new ChatRequest(model, List.of(Message.system("Be brief."), Message.user("Capital of France?")),
        new Sampling(0.5, maxTokens, null, null, null, null), null, null);
  }

  @Test
  void completeSendsTheExactRequestAndReadsTheReply() throws Exception {
    ChatResult result = completeWith("openai/completion.json",
        () -> provider.complete(request("gpt-4o", 100000), new CallContext("r1")));
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(24, 7), "stop"), result);

    RecordedRequest s = firstJsonPost("/v1/chat/completions");
    assertEquals("Bearer " + KEY, s.headers().get("authorization"));
    assertEquals("application/json", s.headers().get("accept"));
    assertEquals(json("""
        {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"}],
         "temperature":0.5,"max_tokens":16384}
        """), s.body(), "max_tokens clamped to gpt-4o's 16384");
    assertEquals("OpenAI_API", provider.name());
  }

  @Test
  void aReplyThatArrivesInSeveralChunksIsReadWhole() throws Exception {
    byte[] body = Fixtures.bytes("openai/completion.json");
    upstream.respondRaw(RawReplies.trickle("application/json", body, (body.length + 2) / 3, 5)); // three pieces
    ChatResult result = await(loop.call(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(24, 7), "stop"), result);
    Buffer relayed = await(loop.call(() -> provider.forward((ObjectNode) JsonIo.read(Buffer.buffer("{\"model\":\"gpt-4o\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), CallContext.detached())));
    assertEquals(Buffer.buffer(body), relayed, "the relayed reply is byte for byte the upstream's");
  }

  @Test
  void reasoningModelsGetMaxCompletionTokensAndNoKeyMeansNoAuthorization() throws Exception {
    completeWith("openai/completion.json", () -> provider.complete(request("o3-mini", 500), CallContext.detached()));
    assertEquals(500, upstream.requests().get(0).body().get("max_completion_tokens").asInt());

    OpenAiCompatibleProvider local = provider("vLLM", null, Timeouts.DEFAULT);
    await(loop.call(() -> local.complete(request("o3-mini", 500), CallContext.detached())));
    RecordedRequest s = upstream.requests().get(1);
    assertNull(s.headers().get("authorization"));
    assertEquals(500, s.body().get("max_tokens").asInt());
    assertEquals("vLLM", local.name());
  }

  @Test
  void streamDeliversDeltasInOrder() throws Exception {
    trickleFixture("openai/stream.sse", 7);
    ChatResult result = await(loop.call(() -> provider.stream(request("gpt-4o-mini", null), new CallContext("r2"), deltas::add)));
    assertEquals(List.of("Bonjour", ", café", " \uD83D\uDE42!"), deltas);
    assertEquals(new ChatResult("Bonjour, café \uD83D\uDE42!", new Usage(19, 6), "stop"), result);

    RecordedRequest s = upstream.requests().get(0);
    assertEquals("text/event-stream", s.headers().get("accept"));
    assertEquals(json("""
        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"}],
         "temperature":0.5,"stream":true,"stream_options":{"include_usage":true}}
        """), s.body());
  }

  @Test
  void nonSuccessStatusBecomesUpstreamExceptionWithTheErrorMessage() throws Exception {
    upstream.respondRaw(RawReplies.body(429, Fixtures.text("openai/error-429.json")));
    UpstreamException e = failure(loop.call(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(429, e.status());
    assertTrue(e.retryable());
    assertEquals("upstream_error", e.code());
    assertTrue(e.getMessage().startsWith("OpenAI_API (gpt-4o) answered HTTP 429: Rate limit reached for gpt-4o"), e.getMessage());
    assertFalse(e.getMessage().contains("rate_limit_exceeded"), "no raw body");

    upstream.respondRaw(RawReplies.body(400, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
    UpstreamException masked = failure(loop.call(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(400, masked.status());
    assertFalse(masked.getMessage().contains(KEY), masked.getMessage());
    assertTrue(masked.getMessage().contains("***"), masked.getMessage());

    upstream.respondRaw(RawReplies.body(502, "<html><body>Bad gateway</body></html>"));
    UpstreamException html = failure(loop.call(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(502, html.status());
    assertEquals("OpenAI_API (gpt-4o) answered HTTP 502", html.getMessage());
  }

  @Test
  void unreadableSuccessIsBadResponse() throws Exception {
    upstream.respondRaw(RawReplies.body(200, "{\"not\":\"a completion\"}"));
    UpstreamException e = failure(loop.call(() -> provider.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(200, e.status());
    assertEquals("bad_response", e.code());
    assertFalse(e.retryable());
  }

  @Test
  void errorInsideAStreamFailsTheCall() throws Exception {
    trickleFixture("openai/stream-error.sse", 64);
    UpstreamException e = failure(loop.call(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), deltas::add)));
    assertEquals(500, e.status());
    assertEquals(List.of("Par"), deltas);
  }

  @Test
  void forwardKeepsEveryFieldButTheModelAndReturnsTheBodyAsIs() throws Exception {
    String reply = Fixtures.text("openai/completion.json");
    upstream.respondRaw(RawReplies.body(200, reply));
    ObjectNode client = (ObjectNode) json("""
        {"model":"OpenAI_API/gpt-4o","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":"auto","response_format":{"type":"json_object"},"logprobs":true,"top_logprobs":2,"n":2,
         "max_tokens":300000,"stream":false}
        """);
    Buffer body = await(loop.call(() -> provider.forward(client, new CallContext("r3"))));
    assertEquals(reply, body.toString());
    assertEquals(json("""
        {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":"auto","response_format":{"type":"json_object"},"logprobs":true,"top_logprobs":2,"n":2,
         "max_tokens":300000}
        """), upstream.requests().get(0).body());
    assertEquals("/v1/chat/completions", upstream.requests().get(0).uri());
    assertEquals("OpenAI_API/gpt-4o", client.get("model").asText(), "the client's body is not modified");
  }

  @Test
  void forwardStreamRelaysDataPayloadsVerbatim() throws Exception {
    byte[] transcript = Fixtures.bytes("openai/stream.sse");
    upstream.respondRaw(RawReplies.trickle(transcript, 13));
    ObjectNode client = (ObjectNode) json("""
        {"model":"OpenAI_API/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,
         "stream_options":{"include_usage":true},"parallel_tool_calls":false}
        """);
    List<String> data = new CopyOnWriteArrayList<>();
    await(loop.call(() -> provider.forwardStream(client, new CallContext("r4"), d -> data.add(d.text()))));
    List<String> expected = Fixtures.decode(transcript, transcript.length).stream()
        .map(SseDecoder.Event::data).filter(d -> !d.equals("[DONE]")).toList();
    assertEquals(expected, data);
    assertEquals(6, data.size());
    assertEquals(json("""
        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,
         "stream_options":{"include_usage":true},"parallel_tool_calls":false}
        """), upstream.requests().get(0).body());
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
    assertCancelledMidStream(FIRST_PIECE, (ctx, d) -> provider.stream(request("gpt-4o", null), ctx, d));
  }

  @Test
  void cancellingBeforeTheReplyResetsTheUpstreamRequest() throws Exception {
    upstream.respondRaw(RawReplies.never()); // never answers
    CallContext ctx = new CallContext("r6");
    Future<ChatResult> call = loop.call(() -> provider.complete(request("gpt-4o", null), ctx));
    await(upstream.awaitCalls(1));
    loop.run(ctx::cancel);
    assertCancelled(failure(call));
    await(upstream.connectionClosed());
  }

  @Test
  void cancellingAForwardedStreamResetsTheUpstreamRequest() throws Exception {
    upstream.respondRaw(RawReplies.stall("data: {\"id\":\"x\"}\n\n"));
    CallContext ctx = new CallContext("r7");
    ObjectNode client = (ObjectNode) json("{\"model\":\"gpt-4o\",\"messages\":[],\"stream\":true}");
    Future<Void> call = loop.call(() -> provider.forwardStream(client, ctx, d -> ctx.cancel()));
    assertCancelled(failure(call));
    await(upstream.connectionClosed());
  }

  @Test
  void alreadyCancelledContextSendsNothing() throws Exception {
    CallContext ctx = new CallContext("r8");
    ctx.cancel();
    assertCancelled(failure(loop.call(() -> provider.complete(request("gpt-4o", null), ctx))));
    assertCancelled(failure(loop.call(() -> provider.stream(request("gpt-4o", null), ctx, d -> { }))));
    assertTrue(upstream.requests().isEmpty());
  }

  @Test
  void finishedCallsForgetTheirCancelHook() throws Exception {
    replyWithFixture("openai/completion.json");
    CallContext ctx = new CallContext("r9");
    await(loop.call(() -> provider.complete(request("gpt-4o", null), ctx)));
    loop.run(ctx::cancel); // nothing left to reset: must not throw or touch the pooled connection
    replyWithFixture("openai/completion.json");
    assertEquals("stop", await(loop.call(() -> provider.complete(request("gpt-4o", null), CallContext.detached()))).finishReason());
  }

  @Test
  void idleUpstreamTimesOut() throws Exception {
    OpenAiCompatibleProvider impatient = provider("OpenAI_API", KEY, new Timeouts(2000, 300));
    upstream.respondRaw(RawReplies.stall("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"));
    UpstreamException e = failure(loop.call(() -> impatient.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(0, e.status());
    assertEquals("upstream_unreachable", e.code());
    assertTrue(e.retryable());

    upstream.respondRaw(RawReplies.never());
    UpstreamException e2 = failure(loop.call(() -> impatient.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(0, e2.status());

    upstream.respondRaw(RawReplies.stall("{\"choices\":"));
    UpstreamException e3 = failure(loop.call(() -> impatient.complete(request("gpt-4o", null), CallContext.detached())));
    assertEquals(0, e3.status());
    assertTrue(e3.getMessage().endsWith("no data for 300 ms"), e3.getMessage());
  }

  @Test
  void droppedConnectionAndRefusedConnectionAreStatusZero() throws Exception {
    upstream.respondRaw(RawReplies.dropAfter("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"));
    UpstreamException dropped = failure(loop.call(() -> provider.stream(request("gpt-4o", null), CallContext.detached(), d -> { })));
    assertEquals(0, dropped.status());

    ProviderSpec nowhere = new ProviderSpec("vLLM", "openai", "http://127.0.0.1:1/v1", List.of(), false, null);
    OpenAiCompatibleProvider refused = new OpenAiCompatibleProvider(vertx, loop.client(), nowhere, null);
    UpstreamException e = failure(loop.call(() -> refused.complete(request("m", null), CallContext.detached())));
    assertEquals(0, e.status());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().startsWith("vLLM (m) answered HTTP 0"), e.getMessage());
  }
}

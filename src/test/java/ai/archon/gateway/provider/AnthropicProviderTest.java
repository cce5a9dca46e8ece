package ai.archon.gateway.provider;

import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;

import static ai.archon.gateway.provider.MapperAsserts.json;
import static ai.archon.gateway.provider.LoopCalls.await;
import static ai.archon.gateway.provider.LoopCalls.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.support.RawReplies;
import ai.archon.gateway.support.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest extends ProviderTestBase {
  static final String KEY = "sk-ant-test-key";
  /** A stream's first event, carrying the piece "first". */
  static final String FIRST_PIECE = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";

  AnthropicProvider provider;

  @BeforeEach
  void setUp() {
    provider = provider(upstream.baseUrl(), KEY);
  }

  AnthropicProvider provider(String baseUrl, String key) {
    ProviderSpec spec = new ProviderSpec("Anthropic_API", "anthropic", baseUrl, List.of("ANTHROPIC_API_KEY"), true, null);
    return new AnthropicProvider(vertx, loop.client(), spec, key);
  }

  static ChatRequest request(Integer maxTokens) {
    return new ChatRequest("claude-3-5-sonnet-20241022",
        List.of(Message.system("Be brief."), Message.user("Hi"), Message.user("Capital of France?")),
        new Sampling(0.7, maxTokens, null, List.of("\n\nHuman:"), 3L, null), null, null);
  }

  @Test
  void completeSendsTheExactRequestAndReadsTheReply() throws Exception {
    ChatResult r = completeWith("anthropic/message.json",
        () -> provider.complete(request(200000), new CallContext("a1")));
    assertEquals(new ChatResult("Hi! Checking.", new Usage(2110, 503, 5), "tool_calls",
        List.of(new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}"))), r);

    RecordedRequest s = firstJsonPost("/v1/messages");
    assertEquals(KEY, s.headers().get("x-api-key"));
    assertEquals("2023-06-01", s.headers().get("anthropic-version"));
    assertNull(s.headers().get("authorization"));
    assertEquals(json("""
        {"model":"claude-3-5-sonnet-20241022","max_tokens":8192,"system":"Be brief.",
         "messages":[{"role":"user","content":"Hi\\n\\nCapital of France?"}],
         "temperature":0.7,"stop_sequences":["\\n\\nHuman:"]}
        """), s.body(), "200000 clamped to 8192, system lifted, user turns merged, seed dropped");
  }

  @Test
  void missingMaxTokensDefaultsAndV1BaseUrlIsNotDoubled() throws Exception {
    AnthropicProvider v1 = provider(upstream.baseUrl() + "/v1/", KEY);
    assertEquals(upstream.baseUrl() + "/v1/messages", v1.url());
    completeWith("anthropic/message.json", () -> v1.complete(request(null), CallContext.detached()));
    assertEquals("/v1/messages", upstream.requests().get(0).uri());
    assertEquals(4096, upstream.requests().get(0).body().get("max_tokens").asInt());
  }

  @Test
  void streamDeliversTextDeltasInOrder() throws Exception {
    trickleFixture("anthropic/stream.sse", 5);
    ChatResult r = await(loop.call(() -> provider.stream(request(1000), new CallContext("a2"), deltas::add)));
    assertEquals(List.of("Hello", ", wörld ✓"), deltas);
    assertEquals(new ChatResult("Hello, wörld ✓", new Usage(25, 15), "length"), r);
    RecordedRequest s = upstream.requests().get(0);
    assertTrue(s.body().get("stream").asBoolean());
    assertEquals("text/event-stream", s.headers().get("accept"));
  }

  @Test
  void streamInCrlfFraming() throws Exception {
    upstream.respondRaw(RawReplies.trickle(Fixtures.crlf(Fixtures.bytes("anthropic/stream.sse")), 3));
    ChatResult r = await(loop.call(() -> provider.stream(request(1000), CallContext.detached(), deltas::add)));
    assertEquals(List.of("Hello", ", wörld ✓"), deltas);
    assertEquals("length", r.finishReason());
  }

  @Test
  void errorEventFailsTheStream() throws Exception {
    trickleFixture("anthropic/stream-error.sse", 64);
    UpstreamException e = failure(loop.call(() -> provider.stream(request(1000), CallContext.detached(), deltas::add)));
    assertEquals(529, e.status());
    assertTrue(e.retryable());
    assertEquals("Anthropic_API (claude-3-5-sonnet-20241022) answered HTTP 529: Overloaded", e.getMessage());
    assertEquals(List.of("Hel"), deltas);
  }

  @Test
  void nonSuccessStatusCarriesTheErrorMessage() throws Exception {
    upstream.respondRaw(RawReplies.body(400, Fixtures.text("anthropic/error-400.json")));
    UpstreamException e = failure(loop.call(() -> provider.complete(request(1000), CallContext.detached())));
    assertEquals(400, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains(": max_tokens: 200000 > 8192"), e.getMessage());
    assertFalse(e.getMessage().contains("invalid_request_error"));

    upstream.respondRaw(RawReplies.body(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    UpstreamException s = failure(loop.call(() -> provider.stream(request(1000), CallContext.detached(), d -> { })));
    assertEquals(529, s.status());
    assertTrue(s.retryable());
  }

  @Test
  void cancellingDuringAStreamResetsTheUpstreamRequest() throws Exception {
    assertCancelledMidStream(FIRST_PIECE, (ctx, d) -> provider.stream(request(100), ctx, d));
  }

  @Test
  void streamCutBeforeMessageStopFails() throws Exception {
    String body = Fixtures.text("anthropic/stream.sse");
    upstream.respondRaw(RawReplies.body(200, body.substring(0, body.indexOf("event: message_stop"))));
    UpstreamException e = failure(loop.call(() -> provider.stream(request(100), CallContext.detached(), d -> { })));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("message_stop"));
  }

  static ChatRequest toolRequest() {
    List<Message> messages = List.of(Message.system("Be brief."), new Message("user", "Weather here?", List.of(
        new ContentPart.Text("Weather here?"), new ContentPart.Image(ToolFixtures.PNG, "low")), List.of(), null, null));
    return ToolFixtures.request("claude-sonnet-4-5", messages,
        new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.AUTO, null, null));
  }

  @Test
  void toolsAndAnImageReachAnthropicInItsShapeAndAStreamedCallComesBack() throws Exception {
    trickleFixture("anthropic/stream-tool-use.sse", 9);
    ChatResult r = await(loop.call(() -> provider.stream(toolRequest(), CallContext.detached(), deltas::add)));
    assertEquals(List.of("Let me check."), deltas);
    assertEquals("tool_calls", r.finishReason());
    assertEquals(List.of(new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\"}"),
        new ToolCall("toolu_02", "get_time", "{}")), r.toolCalls());
    assertEquals(json("""
        {"model":"claude-sonnet-4-5","max_tokens":4096,"system":"Be brief.",
         "messages":[{"role":"user","content":[{"type":"text","text":"Weather here?"},
           {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}],
         "tools":[{"name":"get_weather","description":"Current weather","input_schema":
           {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}],
         "tool_choice":{"type":"auto"},"stream":true}
        """), upstream.requests().get(0).body());
  }

  @Test
  void audioIsRefusedBeforeAnyCallNamingTheProvider() throws Exception {
    ChatRequest audio = ToolFixtures.request("claude-sonnet-4-5", List.of(new Message("user", "", List.of(
        new ContentPart.Audio("UklGRg==", "wav")), List.of(), null, null)), OutputSpec.NONE);
    UpstreamException e = failure(loop.call(() -> provider.complete(audio, CallContext.detached())));
    assertEquals(400, e.status());
    assertEquals("unsupported_content", e.code());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().startsWith("Anthropic_API (claude-sonnet-4-5) cannot take this request: audio input"),
        e.getMessage());
    assertEquals(0, upstream.calls());
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.OutputSpec;
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

class GeminiProviderTest extends ProviderTestBase {
  static final String KEY = "AIza-test-key";
  /** A stream's first event, carrying the piece "first". */
  static final String FIRST_PIECE =
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"first\"}],\"role\":\"model\"}}]}\r\n\r\n";

  GeminiProvider provider;

  @BeforeEach
  void setUp() {
    provider = provider(upstream.baseUrl());
  }

  GeminiProvider provider(String baseUrl) {
    ProviderSpec spec = new ProviderSpec("Google_API", "gemini", baseUrl, List.of("GEMINI_API_KEY"), true, null);
    return new GeminiProvider(vertx, loop.client(), spec, KEY);
  }

  static ChatRequest request(String model, Integer maxTokens) {
    return new ChatRequest(model, List.of(Message.system("Be brief."), Message.user("Capital of France?")),
        new Sampling(0.4, maxTokens, 0.9, null, null, "user-7"), null, null);
  }

  @Test
  void completeSendsTheExactRequestAndReadsTheReply() throws Exception {
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(11, 7), "length"), completeWith(
        "gemini/generate.json", () -> provider.complete(request("gemini-1.5-flash", 100000), new CallContext("g1"))));

    RecordedRequest s = firstJsonPost("/v1beta/models/gemini-1.5-flash:generateContent");
    assertEquals(KEY, s.headers().get("x-goog-api-key"));
    assertFalse(s.uri().contains("key="), "the key never goes into the URL");
    assertEquals(json("""
        {"contents":[{"role":"user","parts":[{"text":"Capital of France?"}]}],
         "systemInstruction":{"parts":[{"text":"Be brief."}]},
         "generationConfig":{"temperature":0.4,"maxOutputTokens":8192,"topP":0.9}}
        """), s.body());
    assertEquals("Google_API", provider.name());
  }

  @Test
  void streamUsesAltSseAndDeliversDeltasInOrder() throws Exception {
    trickleFixture("gemini/stream.sse", 9);
    ChatResult r = await(loop.call(() -> provider.stream(request("models/gemini-2.0-flash", null), new CallContext("g2"), deltas::add)));
    assertEquals(List.of("The quick", " brown \uD83E\uDD8A jumps."), deltas);
    assertEquals(new ChatResult("The quick brown \uD83E\uDD8A jumps.", new Usage(8, 15), "stop"), r);
    RecordedRequest s = upstream.requests().get(0);
    assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", s.uri());
    assertNull(s.body().get("generationConfig").get("maxOutputTokens"));
  }

  @Test
  void versionedBaseUrlIsKept() {
    assertEquals(upstream.baseUrl() + "/v1/models/gemini-pro:generateContent", provider(upstream.baseUrl() + "/v1").url("gemini-pro", false));
    assertEquals(upstream.baseUrl() + "/v1beta/tunedModels/mine:streamGenerateContent?alt=sse",
        provider(upstream.baseUrl() + "/").url("tunedModels/mine", true));
  }

  @Test
  void nonSuccessStatusCarriesTheErrorMessage() throws Exception {
    upstream.respondRaw(RawReplies.body(400, Fixtures.text("gemini/error-400.json")));
    UpstreamException e = failure(loop.call(() -> provider.complete(request("gemini-1.5-flash", null), CallContext.detached())));
    assertEquals(400, e.status());
    assertEquals("Google_API (gemini-1.5-flash) answered HTTP 400: API key not valid. Please pass a valid API key.", e.getMessage());
  }

  @Test
  void errorChunkFailsTheStream() throws Exception {
    trickleFixture("gemini/stream-error.sse", 32);
    UpstreamException e = failure(loop.call(() -> provider.stream(request("gemini-1.5-flash", null), CallContext.detached(), deltas::add)));
    assertEquals(503, e.status());
    assertTrue(e.retryable());
    assertEquals(List.of("Once"), deltas);
  }

  @Test
  void cancellingDuringAStreamResetsTheUpstreamRequest() throws Exception {
    assertCancelledMidStream(FIRST_PIECE, (ctx, d) -> provider.stream(request("gemini-1.5-flash", null), ctx, d));
  }

  @Test
  void toolsAndAnImageReachGeminiInItsShapeAndAStreamedCallComesBack() throws Exception {
    trickleFixture("gemini/stream-function-call.sse", 11);
    ChatRequest request = ToolFixtures.request("gemini-2.5-flash", List.of(Message.system("Be brief."),
        new Message("user", "Weather here?", List.of(new ContentPart.Text("Weather here?"),
            new ContentPart.Image(ToolFixtures.PNG, null)), List.of(), null, null)),
        new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.REQUIRED, null, null));
    ChatResult r = await(loop.call(() -> provider.stream(request, CallContext.detached(), deltas::add)));
    assertEquals(List.of("Let me look."), deltas);
    assertEquals("tool_calls", r.finishReason());
    assertEquals(1, r.toolCalls().size());
    assertEquals("get_weather", r.toolCalls().get(0).name());
    assertEquals("{\"city\":\"Paris\"}", r.toolCalls().get(0).arguments());
    assertTrue(r.toolCalls().get(0).id().matches("call_[0-9a-f]{24}"), r.toolCalls().get(0).id());
    RecordedRequest s = upstream.requests().get(0);
    assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", s.uri());
    assertEquals(json("""
        {"contents":[{"role":"user","parts":[{"text":"Weather here?"},
           {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}],
         "systemInstruction":{"parts":[{"text":"Be brief."}]},
         "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Current weather",
           "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"ANY"}}}
        """), s.body());
  }

  @Test
  void parallelToolCallsFalseKeepsTheFirstCall() throws Exception {
    replyWithFixture("gemini/generate-function-calls.json");
    ChatRequest serial = ToolFixtures.withTools("gemini-2.5-flash", ToolChoice.AUTO, false);
    ChatResult r = await(loop.call(() -> provider.complete(serial, CallContext.detached())));
    assertEquals(1, r.toolCalls().size());
    assertEquals("get_weather", r.toolCalls().get(0).name());
    ChatResult both = await(loop.call(() -> provider.complete(ToolFixtures.withTools("gemini-2.5-flash",
        ToolChoice.AUTO, null), CallContext.detached())));
    assertEquals(2, both.toolCalls().size());
  }
}

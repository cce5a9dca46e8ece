package ai.archon.gateway.provider;

import static ai.archon.gateway.provider.LoopCalls.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.provider.bedrock.BedrockProvider;
import ai.archon.gateway.support.ToolReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mock upstream's scripted tool-call replies, read back by the Anthropic, Gemini and Bedrock adapters whole and
 * streamed.
 */
class ToolRepliesTest extends ProviderTestBase {
  static final List<ToolCall> CALLS = List.of(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
      new ToolCall("call_b", "get_time", "{}"));

  @BeforeEach
  void setUp() {
    upstream.respondDefault(r -> ToolReplies.calls(r, CALLS));
  }

  @Test
  void anthropicWholeAndStreamed() throws Exception {
    AnthropicProvider p = new AnthropicProvider(vertx, loop.client(), new ProviderSpec("Anthropic_API", "anthropic",
        upstream.baseUrl(), List.of(), false, null), "k");
    var request = ToolFixtures.withTools("claude", ToolChoice.AUTO, null);
    ChatResult whole = await(loop.call(() -> p.complete(request, CallContext.detached())));
    assertEquals(CALLS, whole.toolCalls());
    assertEquals("tool_calls", whole.finishReason());
    List<String> deltas = new ArrayList<>();
    ChatResult streamed = await(loop.call(() -> p.stream(request, CallContext.detached(), deltas::add)));
    assertEquals(CALLS, streamed.toolCalls());
    assertEquals(List.of(), deltas);
  }

  @Test
  void geminiWholeAndStreamedKeepTheIds() throws Exception {
    GeminiProvider p = new GeminiProvider(vertx, loop.client(), new ProviderSpec("Google_API", "gemini",
        upstream.baseUrl(), List.of(), false, null), "k");
    var request = ToolFixtures.withTools("gemini-2.5-flash", ToolChoice.REQUIRED, null);
    assertEquals(CALLS, await(loop.call(() -> p.complete(request, CallContext.detached()))).toolCalls());
    ChatResult streamed = await(loop.call(() -> p.stream(request, CallContext.detached(), d -> { })));
    assertEquals(CALLS, streamed.toolCalls());
    assertEquals("tool_calls", streamed.finishReason());
  }

  @Test
  void bedrockConverseWholeAndEventStreamKeepTheIds() throws Exception {
    BedrockProvider p = new BedrockProvider(vertx, loop.client(), new ProviderSpec("Bedrock_API", "bedrock",
        upstream.baseUrl(), List.of(), false, null), Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY",
        "secret-test", "AWS_REGION", "us-east-1"));
    var request = ToolFixtures.withTools("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", ToolChoice.AUTO, null);
    ChatResult whole = await(loop.call(() -> p.complete(request, CallContext.detached())));
    assertEquals(CALLS, whole.toolCalls());
    assertEquals("tool_calls", whole.finishReason());
    ChatResult streamed = await(loop.call(() -> p.stream(request, CallContext.detached(), d -> { })));
    assertEquals(CALLS, streamed.toolCalls());
    assertEquals("tool_calls", streamed.finishReason());
    assertEquals(List.of("/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse",
        "/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse-stream"),
        upstream.requests().stream().map(r -> r.path()).toList());
  }
}

package ai.archon.gateway.provider.anthropic;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.fixture;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamFails;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamsInAnyFraming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.provider.Fixtures;
import ai.archon.gateway.provider.MapperAsserts.Deltas;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.ToolCall;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicMapperTest {

  @Test
  void systemIsLiftedAndSameRoleTurnsAreMerged() {
    ChatRequest r = new ChatRequest("claude-3-5-sonnet-20241022", List.of(
        Message.system("You are terse."),
        Message.user("Question 1"),
        new Message("developer", "Answer in French."),
        Message.user("Question 2"),
        Message.assistant("Réponse"),
        Message.assistant("suite"),
        Message.user("Merci")),
        new Sampling(0.2, 999, 0.95, List.of("###"), 7L, "u-42"), null, null);
    assertJson("""
        {"model":"claude-3-5-sonnet-20241022","max_tokens":1024,
         "system":"You are terse.\\n\\nAnswer in French.",
         "messages":[{"role":"user","content":"Question 1\\n\\nQuestion 2"},
                     {"role":"assistant","content":"Réponse\\n\\nsuite"},
                     {"role":"user","content":"Merci"}],
         "temperature":0.2,"top_p":0.95,"stop_sequences":["###"],"metadata":{"user_id":"u-42"}}
        """, AnthropicMapper.request(r, 1024, false));
  }

  @Test
  void unsetFieldsAreOmittedAndStreamIsFlagged() {
    ChatRequest r = new ChatRequest("claude-3-haiku-20240307", List.of(Message.user("Hi")),
        new Sampling(null, null, null, null, null, null), null, null);
    assertJson("""
        {"model":"claude-3-haiku-20240307","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}]}
        """, AnthropicMapper.request(r, 4096, false));
    assertJson("""
        {"model":"claude-3-haiku-20240307","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}],"stream":true}
        """, AnthropicMapper.request(r, 4096, true));
  }

  @Test
  void temperatureIsCappedAtAnthropicsMaximum() {
    ChatRequest r = new ChatRequest("claude-3-haiku-20240307", List.of(Message.user("Hi")),
        new Sampling(1.5, null, null, null, null, null), null, null);
    assertJson("""
        {"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"temperature":1.0}
        """, AnthropicMapper.request(r, 10, false));
  }

  @Test
  void otherRolesCountAsUser() {
    ChatRequest r = new ChatRequest("m", List.of(Message.user("a"), new Message("tool", "b"), Message.assistant("c")),
        new Sampling(null, null, null, null, null, null), null, null);
    assertJson("""
        {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a\\n\\nb"},{"role":"assistant","content":"c"}]}
        """, AnthropicMapper.request(r, 5, false));
  }

  @Test
  void responseJoinsTextBlocksAndReadsToolUse() {
    ChatResult r = AnthropicMapper.response(fixture("anthropic/message.json"));
    assertEquals(new ChatResult("Hi! Checking.", new Usage(2095 + 10 + 5, 503, 5), "tool_calls",
        List.of(new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}"))), r);
    assertThrows(RuntimeException.class, () -> AnthropicMapper.response(Buffer.buffer("{\"type\":\"message\"}")));
  }

  @Test
  void streamTranscriptInAnyFraming() {
    // thinking deltas are not text
    assertStreamsInAnyFraming(Fixtures.bytes("anthropic/stream.sse"),
        deltas -> new AnthropicMapper.StreamState("Anthropic_API", "claude", deltas), new int[] {1, 3, 50},
        List.of("Hello", ", wörld ✓"), new ChatResult("Hello, wörld ✓", new Usage(25, 15), "length"));
  }

  @Test
  void errorEventFailsWithItsStatus() {
    UpstreamException e = assertStreamFails(deltas -> new AnthropicMapper.StreamState("Anthropic_API", "claude",
        deltas), "anthropic/stream-error.sse", 11, 529, List.of("Hel"));
    assertTrue(e.retryable());
    assertTrue(e.getMessage().endsWith(": Overloaded"), e.getMessage());
    assertEquals(429, AnthropicMapper.statusOf("rate_limit_error"));
    assertEquals(400, AnthropicMapper.statusOf("invalid_request_error"));
    assertEquals(500, AnthropicMapper.statusOf("api_error"));
  }

  @Test
  void streamWithoutMessageStopFails() {
    byte[] lf = Fixtures.bytes("anthropic/stream.sse");
    String whole = new String(lf, StandardCharsets.UTF_8);
    String cut = whole.substring(0, whole.indexOf("event: message_stop"));
    UpstreamException e = assertThrows(UpstreamException.class, () -> Fixtures.replay(
        new AnthropicMapper.StreamState("Anthropic_API", "claude", new Deltas()), utf8(cut), 64));
    assertEquals(0, e.status());
  }

  @Test
  void cumulativeInputUsageInMessageDeltaWins() {
    String body = """
        event: message_start
        data: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":12,"cache_read_input_tokens":3,"output_tokens":4}}

        event: message_stop
        data: {"type":"message_stop"}

        """;
    AnthropicMapper.StreamState s = Fixtures.replay(
        new AnthropicMapper.StreamState("Anthropic_API", "claude", new Deltas()), utf8(body), 1000);
    assertEquals(new ChatResult("", new Usage(15, 4), "stop"), s.result());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

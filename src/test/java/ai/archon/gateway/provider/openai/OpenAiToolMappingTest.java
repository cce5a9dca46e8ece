package ai.archon.gateway.provider.openai;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.Fixtures;
import ai.archon.gateway.provider.MapperAsserts.Deltas;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools, tool calls, content parts and response formats in the OpenAI Chat Completions wire format. */
class OpenAiToolMappingTest {
  static final JsonNode PARAMS = json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
  static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather", PARAMS, true);

  @Test
  void requestCarriesPartsToolCallsToolResultsAndTheOutputSpec() {
    List<Message> messages = List.of(
        new Message("user", "Look", List.of(new ContentPart.Text("Look"), new ContentPart.Image("https://x/y.png", "low"),
            new ContentPart.Audio("UklGRg==", "wav")), List.of(), null, "ann"),
        Message.assistantCalls("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
        Message.toolResult("call_1", "get_weather", "18C"));
    OutputSpec out = new OutputSpec(List.of(WEATHER), ToolChoice.function("get_weather"), false,
        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "w", json("{\"type\":\"object\"}"), true));
    ChatRequest r = new ChatRequest("gpt-4o", messages, new Sampling(null, null, null, null, null, null), null, null, out);
    assertJson("{\"model\":\"gpt-4o\",\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}}],\"name\":\"ann\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"content\":\"18C\",\"tool_call_id\":\"call_1\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},\"strict\":true}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"parallel_tool_calls\":false,"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":{\"type\":\"object\"},"
        + "\"strict\":true}}}", OpenAiRequests.request(r, false, false));
  }

  @Test
  void aPlainRequestHasNoToolFields() {
    ChatRequest r = new ChatRequest("m", List.of(Message.user("hi")), new Sampling(null, null, null, null, null, null), null, null);
    JsonNode body = json(OpenAiRequests.request(r, false, false));
    assertFalse(body.has("tools") || body.has("tool_choice") || body.has("response_format"), body.toString());
    JsonNode mode = json(OpenAiRequests.request(r.withOutput(new OutputSpec(List.of(WEATHER), ToolChoice.REQUIRED, null,
        ResponseFormat.JSON_OBJECT)), false, false));
    assertEquals("required", mode.path("tool_choice").asText());
    assertEquals("json_object", mode.at("/response_format/type").asText());
  }

  @Test
  void aReplyWithToolCallsIsParsed() {
    ChatResult r = OpenAiMapper.response(Buffer.buffer("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":null,\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":\"{\\\"x\\\":1}\"}},{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\","
        + "\"arguments\":\"{}\"}}]},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
    assertEquals(new ChatResult("", new Usage(3, 2), "tool_calls",
        List.of(new ToolCall("call_a", "f", "{\"x\":1}"), new ToolCall("call_b", "g", "{}"))), r);
  }

  @Test
  void aCallWithoutAnIdGetsOneTheClientCanAnswer() {
    ChatResult r = OpenAiMapper.response(Buffer.buffer("{\"choices\":[{\"message\":{\"tool_calls\":["
        + "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
        + "{\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}"));
    assertEquals(List.of("call_1", "call_2"), r.toolCalls().stream().map(ToolCall::id).toList());
  }

  @Test
  void streamedToolCallDeltasAccumulateByIndexInAnyFraming() {
    String stream = chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\","
            + "\"arguments\":\"{}\"}}]}", null)
        + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}", null)
        + chunk("{}", "tool_calls") + "data: [DONE]\n\n";
    for (int size : new int[] {1, 7, 1000}) {
      Deltas d = new Deltas();
      OpenAiMapper.StreamState s = Fixtures.replay(new OpenAiMapper.StreamState("OpenAI_API", "gpt-4o", d),
          stream.getBytes(), size);
      assertEquals(List.of(), d.pieces, "no text");
      assertEquals(List.of(new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"), new ToolCall("call_b", "g", "{}")),
          s.result().toolCalls());
      assertEquals("tool_calls", s.result().finishReason());
    }
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
  }
}

package ai.archon.gateway.provider.anthropic;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamsInAnyFraming;
import static ai.archon.gateway.provider.MapperAsserts.fixture;
import static ai.archon.gateway.provider.ToolFixtures.WEATHER_SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.Fixtures;
import ai.archon.gateway.provider.ToolFixtures;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools, tool calls and results, images and response formats in the Anthropic Messages shape. */
class AnthropicToolMappingTest {
  private static final String MESSAGES = """
      [{"role":"user","content":[{"type":"text","text":"Weather where this is?"},
         {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
       {"role":"assistant","content":[{"type":"text","text":"Checking."},
         {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
         {"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},
       {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18 C"},
         {"type":"tool_result","tool_use_id":"call_2","content":"{\\"time\\":\\"12:00\\"}"},
         {"type":"text","text":"Thanks"}]}]""";
  private static final String TOOLS = "[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"input_schema\":"
      + WEATHER_SCHEMA + "},{\"name\":\"get_time\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]";

  private static JsonNode body(ChatRequest r) {
    return JsonIo.read(AnthropicMapper.request(r, 100, false));
  }

  @Test
  void conversationWithToolsAndAnImageInTheExactShape() {
    assertJson("{\"model\":\"claude\",\"max_tokens\":100,\"system\":\"Be brief.\",\"messages\":" + MESSAGES
        + ",\"tools\":" + TOOLS + ",\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}}",
        AnthropicMapper.request(ToolFixtures.withTools("claude", ToolChoice.AUTO, false), 100, false));
  }

  @Test
  void eachToolChoice() {
    assertEquals(JsonIo.read("{\"type\":\"none\"}"),
        body(ToolFixtures.withTools("c", ToolChoice.NONE, false)).get("tool_choice"), "none takes no parallel flag");
    assertEquals(JsonIo.read("{\"type\":\"any\"}"),
        body(ToolFixtures.withTools("c", ToolChoice.REQUIRED, null)).get("tool_choice"));
    assertEquals(JsonIo.read("{\"type\":\"tool\",\"name\":\"get_time\"}"),
        body(ToolFixtures.withTools("c", ToolChoice.function("get_time"), true)).get("tool_choice"));
    assertEquals(JsonIo.read("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"),
        body(ToolFixtures.withTools("c", null, false)).get("tool_choice"));
    assertFalse(body(ToolFixtures.withTools("c", null, null)).has("tool_choice"), "Anthropic's default is auto");
  }

  @Test
  void httpsImageIsAUrlSourceAndAudioIsRefused() {
    ChatRequest r = ToolFixtures.request("c", ToolFixtures.conversation("https://example.com/cat.jpg"), OutputSpec.NONE);
    // No tools declared: the calls and results are sent as text.
    assertJson("""
        {"model":"c","max_tokens":100,"system":"Be brief.","messages":[
          {"role":"user","content":[{"type":"text","text":"Weather where this is?"},
            {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]},
          {"role":"assistant","content":"Checking.\\n[tool call call_1] get_weather({\\"city\\":\\"Paris\\"})\\n[tool call call_2] get_time({})"},
          {"role":"user","content":"[tool result call_1] 18 C\\n\\n[tool result call_2] {\\"time\\":\\"12:00\\"}\\n\\nThanks"}]}
        """, AnthropicMapper.request(r, 100, false));
    ChatRequest audio = ToolFixtures.request("c", List.of(new Message("user", "", List.of(
        new ContentPart.Audio("UklGRg==", "wav")), List.of(), null, null)), OutputSpec.NONE);
    UnsupportedContent e = assertThrows(UnsupportedContent.class, () -> AnthropicMapper.request(audio, 100, false));
    assertTrue(e.getMessage().startsWith("audio input"), e.getMessage());
  }

  @Test
  void jsonFormatsAreAForcedAnswerTool() {
    JsonNode object = body(ToolFixtures.asking("c", ToolFixtures.format(ResponseFormat.JSON_OBJECT)));
    assertEquals(JsonIo.read("""
        [{"name":"json_answer","description":"Give your final answer by calling this tool: its input is the answer, a JSON value in the required format.",
          "input_schema":{"type":"object"}}]"""), object.get("tools"));
    assertEquals(JsonIo.read("{\"type\":\"tool\",\"name\":\"json_answer\"}"),
        object.get("tool_choice"));

    JsonNode schema = body(ToolFixtures.asking("c", ToolFixtures.format(ToolFixtures.schema())));
    assertEquals(JsonIo.read(ToolFixtures.SCHEMA), schema.at("/tools/0/input_schema"));
    assertTrue(schema.at("/tools/0/description").asText().contains("(reply)"));

    // With client tools and auto, the model must call one: a client tool, or the answer tool.
    OutputSpec both = new OutputSpec(List.of(ToolFixtures.WEATHER), null, null, ToolFixtures.schema());
    JsonNode mixed = body(ToolFixtures.asking("c", both));
    assertEquals(List.of("get_weather", "json_answer"), List.of(mixed.at("/tools/0/name").asText(),
        mixed.at("/tools/1/name").asText()));
    assertEquals("any", mixed.at("/tool_choice/type").asText());

    // required wants a tool call: the format cannot apply, so no answer tool.
    OutputSpec required = new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.REQUIRED, null, ToolFixtures.schema());
    assertEquals(1, body(ToolFixtures.asking("c", required)).get("tools").size());
    assertFalse(AnthropicMapper.answersInTool(ToolFixtures.asking("c", required)));

    OutputSpec clash = new OutputSpec(List.of(new ToolSpec("json_answer", null, null, false)), null, null,
        ResponseFormat.JSON_OBJECT);
    assertThrows(UnsupportedContent.class, () -> AnthropicMapper.request(ToolFixtures.asking("c", clash), 10, false));
  }

  @Test
  void forcedAnswerToolComesBackAsText() {
    assertEquals(new ChatResult("{\"answer\":\"yes\"}", new Usage(20, 9), "stop"),
        AnthropicMapper.response(fixture("anthropic/message-json-answer.json"), true));
    ChatResult asCall = AnthropicMapper.response(fixture("anthropic/message-json-answer.json"), false);
    assertEquals(List.of(new ToolCall("toolu_10", "json_answer", "{\"answer\":\"yes\"}")), asCall.toolCalls());
  }

  @Test
  void streamedToolUseInAnyFraming() {
    assertStreamsInAnyFraming(Fixtures.bytes("anthropic/stream-tool-use.sse"),
        d -> new AnthropicMapper.StreamState("Anthropic_API", "claude", d), new int[] {1, 7, 64},
        List.of("Let me check."), new ChatResult("Let me check.", new Usage(50, 30), "tool_calls", List.of(
            new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\"}"), new ToolCall("toolu_02", "get_time", "{}"))));
  }

  @Test
  void streamedAnswerToolIsRelayedAsText() {
    assertStreamsInAnyFraming(Fixtures.bytes("anthropic/stream-json-answer.sse"),
        d -> new AnthropicMapper.StreamState("Anthropic_API", "claude", d, true), new int[] {1, 9, 80},
        List.of("{\"answer\":", " \"yes\"}"), new ChatResult("{\"answer\": \"yes\"}", new Usage(20, 9), "stop"));
  }
}

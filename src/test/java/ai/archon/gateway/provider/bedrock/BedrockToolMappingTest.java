package ai.archon.gateway.provider.bedrock;

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
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.MapperAsserts.Deltas;
import ai.archon.gateway.provider.ToolFixtures;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools, tool calls and results, images and response formats in the Bedrock Converse shape. */
class BedrockToolMappingTest {
  static final String MODEL = "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0";

  /** A ConverseStream answer: text, then a toolUse whose input comes in two pieces, then the stop and usage. */
  static Buffer toolUseStream(String toolName) {
    return Buffer.buffer()
        .appendBuffer(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"))
        .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let me check.\"}}"))
        .appendBuffer(EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"))
        .appendBuffer(EventStreamFrames.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
            + "{\"toolUseId\":\"tooluse_1\",\"name\":\"" + toolName + "\"}}}"))
        .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":"
            + "{\"input\":\"{\\\"city\\\":\"}}}"))
        .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":"
            + "{\"input\":\"\\\"Paris\\\"}\"}}}"))
        .appendBuffer(EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":1}"))
        .appendBuffer(EventStreamFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"))
        .appendBuffer(EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":40,\"outputTokens\":12}}"));
  }

  @Test
  void conversationWithToolsAndAnImageInTheExactShape() {
    assertEquals(JsonIo.read("""
        {"messages":[
          {"role":"user","content":[{"text":"Weather where this is?"},{"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}]},
          {"role":"assistant","content":[{"text":"Checking."},
            {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Paris"}}},
            {"toolUse":{"toolUseId":"call_2","name":"get_time","input":{}}}]},
          {"role":"user","content":[{"toolResult":{"toolUseId":"call_1","content":[{"text":"18 C"}]}},
            {"toolResult":{"toolUseId":"call_2","content":[{"text":"{\\"time\\":\\"12:00\\"}"}]}},
            {"text":"Thanks"}]}],
         "system":[{"text":"Be brief."}],
         "toolConfig":{"tools":[
           {"toolSpec":{"name":"get_weather","description":"Current weather","inputSchema":{"json":%s}}},
           {"toolSpec":{"name":"get_time","inputSchema":{"json":{"type":"object","properties":{}}}}}],
          "toolChoice":{"auto":{}}}}
        """.formatted(WEATHER_SCHEMA)), BedrockMapper.request(ToolFixtures.withTools(MODEL, ToolChoice.AUTO, false)));
  }

  @Test
  void eachToolChoice() {
    assertEquals(JsonIo.read("{\"any\":{}}"),
        BedrockMapper.request(ToolFixtures.withTools(MODEL, ToolChoice.REQUIRED, null)).at("/toolConfig/toolChoice"));
    assertEquals(JsonIo.read("{\"tool\":{\"name\":\"get_time\"}}"), BedrockMapper.request(
        ToolFixtures.withTools(MODEL, ToolChoice.function("get_time"), null)).at("/toolConfig/toolChoice"));
    assertFalse(BedrockMapper.request(ToolFixtures.withTools(MODEL, null, null)).get("toolConfig").has("toolChoice"));
    // Converse has no "none": no tools are sent, and the history's calls and results go as text.
    JsonNode none = BedrockMapper.request(ToolFixtures.withTools(MODEL, ToolChoice.NONE, null));
    assertFalse(none.has("toolConfig"));
    assertEquals(JsonIo.read("""
        [{"text":"Checking.\\n[tool call call_1] get_weather({\\"city\\":\\"Paris\\"})\\n[tool call call_2] get_time({})"}]
        """), none.at("/messages/1/content"));
    assertEquals("[tool result call_1] 18 C", none.at("/messages/2/content/0/text").asText());
  }

  @Test
  void imageAddressesAndAudioAreRefused() {
    ChatRequest https = ToolFixtures.request(MODEL, ToolFixtures.conversation("https://example.com/cat.png"),
        OutputSpec.NONE);
    UnsupportedContent e = assertThrows(UnsupportedContent.class, () -> BedrockMapper.request(https));
    assertTrue(e.getMessage().contains("data: URL"), e.getMessage());
    ChatRequest bmp = ToolFixtures.request(MODEL, ToolFixtures.conversation("data:image/bmp;base64,Qk0="), OutputSpec.NONE);
    assertThrows(UnsupportedContent.class, () -> BedrockMapper.request(bmp));
    ChatRequest audio = ToolFixtures.request(MODEL, List.of(new Message("user", "", List.of(
        new ContentPart.Audio("UklGRg==", "wav")), List.of(), null, null)), OutputSpec.NONE);
    assertTrue(assertThrows(UnsupportedContent.class, () -> BedrockMapper.request(audio)).getMessage()
        .startsWith("audio input"));
  }

  @Test
  void jsonFormatsAreAForcedAnswerTool() {
    JsonNode object = BedrockMapper.request(ToolFixtures.asking(MODEL, ToolFixtures.format(ResponseFormat.JSON_OBJECT)));
    assertEquals(JsonIo.read("""
        {"tools":[{"toolSpec":{"name":"json_answer",
           "description":"Give your final answer by calling this tool: its input is the answer, a JSON value in the required format.",
           "inputSchema":{"json":{"type":"object"}}}}],
         "toolChoice":{"tool":{"name":"json_answer"}}}
        """), object.get("toolConfig"));
    JsonNode schema = BedrockMapper.request(ToolFixtures.asking(MODEL, ToolFixtures.format(ToolFixtures.schema())));
    assertEquals(JsonIo.read(ToolFixtures.SCHEMA), schema.at("/toolConfig/tools/0/toolSpec/inputSchema/json"));
    assertTrue(BedrockMapper.answersInTool(ToolFixtures.asking(MODEL, ToolFixtures.format(ToolFixtures.schema()))));
  }

  @Test
  void repliesWithToolUse() {
    JsonNode reply = JsonIo.read("""
        {"output":{"message":{"role":"assistant","content":[{"text":"On it."},
          {"toolUse":{"toolUseId":"tooluse_7","name":"get_weather","input":{"city":"Oslo"}}}]}},
         "stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":9,"totalTokens":39}}
        """);
    assertEquals(new ChatResult("On it.", new Usage(30, 9), "tool_calls",
        List.of(new ToolCall("tooluse_7", "get_weather", "{\"city\":\"Oslo\"}"))), BedrockMapper.response(reply));
    JsonNode answer = JsonIo.read("""
        {"output":{"message":{"role":"assistant","content":[
          {"toolUse":{"toolUseId":"tooluse_8","name":"json_answer","input":{"answer":"yes"}}}]}},
         "stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":9}}
        """);
    assertEquals(new ChatResult("{\"answer\":\"yes\"}", new Usage(30, 9), "stop"), BedrockMapper.response(answer, true));
  }

  @Test
  void streamedToolUse() {
    Deltas deltas = new Deltas();
    BedrockMapper.StreamState state = new BedrockMapper.StreamState("Bedrock_API", MODEL, deltas);
    new EventStreamDecoder(m -> state.onMessage(m, JsonIo.read(Buffer.buffer(m.payload()))))
        .handle(toolUseStream("get_weather"));
    assertEquals(List.of("Let me check."), deltas.pieces);
    assertEquals(new ChatResult("Let me check.", new Usage(40, 12), "tool_calls",
        List.of(new ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}"))), state.result());
  }

  @Test
  void streamedAnswerToolIsRelayedAsText() {
    Deltas deltas = new Deltas();
    BedrockMapper.StreamState state = new BedrockMapper.StreamState("Bedrock_API", MODEL, deltas, true);
    new EventStreamDecoder(m -> state.onMessage(m, JsonIo.read(Buffer.buffer(m.payload()))))
        .handle(toolUseStream("json_answer"));
    // The text before the answer tool's call is not relayed: the client gets the JSON alone.
    assertEquals(List.of("{\"city\":", "\"Paris\"}"), deltas.pieces);
    assertEquals(new ChatResult("{\"city\":\"Paris\"}", new Usage(40, 12), "stop"), state.result());
  }
}

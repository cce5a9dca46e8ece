package ai.archon.gateway.provider.gemini;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamsInAnyFraming;
import static ai.archon.gateway.provider.MapperAsserts.fixture;
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
import ai.archon.gateway.provider.Fixtures;
import ai.archon.gateway.provider.ToolFixtures;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Function calling, images, audio and response formats in the Gemini generateContent shape. */
class GeminiToolMappingTest {

  private static JsonNode body(ChatRequest r) {
    return JsonIo.read(GeminiMapper.request(r, null));
  }

  @Test
  void conversationWithToolsAndAnImageInTheExactShape() {
    assertJson("""
        {"contents":[
          {"role":"user","parts":[{"text":"Weather where this is?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]},
          {"role":"model","parts":[{"text":"Checking."},
            {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"skip_thought_signature_validator"},
            {"functionCall":{"name":"get_time","args":{}}}]},
          {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"18 C"}}},
            {"functionResponse":{"name":"get_time","response":{"output":{"time":"12:00"}}}},
            {"text":"Thanks"}]}],
         "systemInstruction":{"parts":[{"text":"Be brief."}]},
         "tools":[{"functionDeclarations":[
           {"name":"get_weather","description":"Current weather",
            "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}},
           {"name":"get_time"}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}}}
        """, GeminiMapper.request(ToolFixtures.withTools("gemini-2.5-flash", ToolChoice.AUTO, false), null));
  }

  @Test
  void eachToolChoice() {
    assertEquals(JsonIo.read("{\"functionCallingConfig\":{\"mode\":\"NONE\"}}"),
        body(ToolFixtures.withTools("g", ToolChoice.NONE, null)).get("toolConfig"));
    assertEquals(JsonIo.read("{\"functionCallingConfig\":{\"mode\":\"ANY\"}}"),
        body(ToolFixtures.withTools("g", ToolChoice.REQUIRED, null)).get("toolConfig"));
    assertEquals(JsonIo.read("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_time\"]}}"),
        body(ToolFixtures.withTools("g", ToolChoice.function("get_time"), null)).get("toolConfig"));
    JsonNode unset = body(ToolFixtures.withTools("g", null, null));
    assertTrue(unset.has("tools"));
    assertFalse(unset.has("toolConfig"), "Gemini's default is AUTO");
  }

  @Test
  void httpsImagesAreFileDataAndAudioIsInlineData() {
    ChatRequest r = ToolFixtures.request("g", List.of(new Message("user", "Listen and look", List.of(
        new ContentPart.Text("Listen and look"), new ContentPart.Image("https://example.com/a/cat.JPG?size=2", "high"),
        new ContentPart.Image("https://example.com/picture", null), new ContentPart.Audio("UklGRg==", "wav")),
        List.of(), null, null)), OutputSpec.NONE);
    assertJson("""
        {"contents":[{"role":"user","parts":[{"text":"Listen and look"},
          {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/a/cat.JPG?size=2"}},
          {"fileData":{"fileUri":"https://example.com/picture"}},
          {"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}}]}]}
        """, GeminiMapper.request(r, null));
  }

  @Test
  void aToolResultWithoutAKnownFunctionNameIsRefused() {
    ChatRequest r = ToolFixtures.request("g", List.of(Message.user("Hi"), Message.toolResult("call_9", null, "42")),
        OutputSpec.NONE);
    UnsupportedContent e = assertThrows(UnsupportedContent.class, () -> GeminiMapper.request(r, null));
    assertTrue(e.getMessage().contains("call_9"), e.getMessage());
  }

  @Test
  void responseFormats() {
    JsonNode object = body(ToolFixtures.asking("g", ToolFixtures.format(ResponseFormat.JSON_OBJECT)));
    assertEquals(JsonIo.read("{\"responseMimeType\":\"application/json\"}"), object.get("generationConfig"));
    JsonNode schema = body(ToolFixtures.asking("g", ToolFixtures.format(ToolFixtures.schema())));
    assertEquals(JsonIo.read("""
        {"responseMimeType":"application/json",
         "responseSchema":{"type":"OBJECT","properties":{"answer":{"type":"STRING"}},"required":["answer"]}}
        """), schema.get("generationConfig"));
    // Tools that may be called: Gemini 2.x refuses them with a JSON mime type, so the format waits for the answer check.
    JsonNode active = body(ToolFixtures.asking("g", new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.AUTO, null,
        ToolFixtures.schema())));
    assertTrue(active.has("tools"));
    assertFalse(active.has("generationConfig"));
    // tool_choice none with a format: the format, not the tools.
    JsonNode none = body(ToolFixtures.asking("g", new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.NONE, null,
        ResponseFormat.JSON_OBJECT)));
    assertFalse(none.has("tools"));
    assertEquals("application/json", none.at("/generationConfig/responseMimeType").asText());
  }

  @Test
  void functionCallsKeepGeminisIdOrGetADeterministicOne() {
    ChatResult r = GeminiMapper.response(fixture("gemini/generate-function-calls.json"));
    assertEquals("tool_calls", r.finishReason());
    assertEquals(new Usage(30, 8), r.usage());
    assertEquals(2, r.toolCalls().size());
    ToolCall first = r.toolCalls().get(0);
    // call_ + the first 24 hex digits of SHA-256("resp-1\n0\nget_weather\n{"city":"Paris"}"), as documented.
    assertEquals("call_cb7690c9b9f789039bb95234", first.id());
    assertEquals(new ToolCall(first.id(), "get_weather", "{\"city\":\"Paris\"}"), first);
    assertEquals(new ToolCall("fc-7", "get_time", "{}"), r.toolCalls().get(1));
    assertEquals(first.id(), GeminiMapper.response(fixture("gemini/generate-function-calls.json")).toolCalls().get(0).id(),
        "the same reply gives the same id");
    assertEquals(GeminiTools.mintedId("resp-1", 0, "get_weather", "{\"city\":\"Paris\"}"), first.id());
    assertFalse(first.id().equals(GeminiTools.mintedId("resp-2", 0, "get_weather", "{\"city\":\"Paris\"}")),
        "another reply's call gets another id");
  }

  @Test
  void streamedFunctionCallInAnyFraming() {
    ChatResult expected = new ChatResult("Let me look.", new Usage(30, 8), "tool_calls", List.of(new ToolCall(
        GeminiTools.mintedId("resp-2", 0, "get_weather", "{\"city\":\"Paris\"}"), "get_weather", "{\"city\":\"Paris\"}")));
    assertStreamsInAnyFraming(Fixtures.bytes("gemini/stream-function-call.sse"),
        d -> new GeminiMapper.StreamState("Gemini_API", "gemini-2.5-flash", d), new int[] {1, 13, 100},
        List.of("Let me look."), expected);
  }
}

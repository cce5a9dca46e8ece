package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Chat Completions parser (parts, tool calls, output spec) and the ensemble's audit of every request field. */
class ChatRequestFieldsTest {
  /**
   * Every request field of OpenAI's Chat Completions API reference, as of this writing: each must be honoured,
   * accepted without effect, or refused by name. A field added to the API is added here and decided in
   * {@link EnsembleFields} and docs/request-fields.md.
   */
  static final List<String> DOCUMENTED = List.of("messages", "model", "audio", "frequency_penalty", "function_call",
      "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities", "n",
      "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key", "prompt_cache_retention",
      "reasoning_effort", "response_format", "safety_identifier", "seed", "service_tier", "stop", "store", "stream",
      "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity",
      "web_search_options");

  private static ParsedChat parse(String json) {
    return ChatRequestParser.parse(Json.parse(json));
  }

  @Test
  void messagesKeepPartsToolCallsAndIds() {
    ParsedChat c = parse("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"user\",\"name\":\"ann\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/p.png\"}},{\"type\":\"text\",\"text\":\"b\"}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"done\"}]}");
    Message user = c.messages().get(0);
    assertEquals("ab", user.content());
    assertEquals("ann", user.name());
    assertEquals(List.of(new ContentPart.Text("a"), new ContentPart.Image("https://x/p.png", null),
        new ContentPart.Text("b")), user.parts());
    assertEquals(List.of(new ToolCall("call_1", "f", "{\"x\":1}")), c.messages().get(1).toolCalls());
    assertEquals("call_1", c.messages().get(2).toolCallId());
  }

  @Test
  void theOutputSpecIsRead() {
    ParsedChat c = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"},"
        + "\"strict\":true}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
        + "\"parallel_tool_calls\":false,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\","
        + "\"schema\":{\"type\":\"object\"},\"strict\":true}}}");
    OutputSpec o = c.overrides().output();
    assertEquals("f", o.tools().get(0).name());
    assertTrue(o.tools().get(0).strict());
    assertEquals(ToolChoice.function("f"), o.toolChoice());
    assertEquals(Boolean.FALSE, o.parallelToolCalls());
    assertEquals(ResponseFormat.Type.JSON_SCHEMA, o.responseFormat().type());
    assertEquals("s", o.responseFormat().name());
    assertTrue(o.responseFormat().strict());
  }

  @Test
  void malformedToolsAndFormatsAreRefusedByParam() {
    String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
    assertParam("tools[0].function.name", base + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a b\"}}]}");
    assertParam("tool_choice.function.name", base + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}}");
    assertParam("response_format.type", base + "\"response_format\":{\"type\":\"yaml\"}}");
    assertParam("response_format.json_schema.name", base + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}}}");
    assertParam("messages[0].tool_call_id", "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}");
  }

  @Test
  void passThroughParsingKeepsWhatAnEnsembleRefuses() {
    // Audio, file parts and custom tools parse (pass-through forwards the body); only the ensemble check refuses.
    ParsedChat c = parse("{\"model\":\"OpenAI_API/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA==\",\"format\":\"wav\"}},{\"type\":\"file\","
        + "\"file\":{\"file_id\":\"f\"}}]}],\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"c\"}}]}");
    assertEquals(List.of(new ContentPart.Audio("AA==", "wav")), c.messages().get(0).parts());
    assertTrue(c.overrides().output().tools().isEmpty());
    ApiException e = assertThrows(ApiException.class, () -> EnsembleFields.check(c.raw(), "ens"));
    assertEquals("tools[0].type", e.param());
  }

  @Test
  void everyDocumentedFieldIsDecidedAndTheDocsListIt() throws IOException {
    String doc = Files.readString(Path.of("docs/request-fields.md"));
    Set<String> undecided = new TreeSet<>();
    for (String f : DOCUMENTED) {
      if (!doc.contains("`" + f + "`")) undecided.add(f + " (not in docs/request-fields.md)");
      ObjectNode body = (ObjectNode) Json.parse("{\"model\":\"e\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      body.set(f, Json.parse(f.equals("messages") || f.equals("model") ? "\"x\"" : "{\"not\":\"a default\"}"));
      if (EnsembleFields.HONOURED.contains(f) || EnsembleFields.IGNORED.contains(f)) continue;
      ApiException e = assertThrows(ApiException.class, () -> EnsembleFields.check(body, "e"), f + " must be refused");
      assertEquals(f, e.param());
      assertTrue(e.getMessage().contains("'e'"), "names the ensemble: " + e.getMessage());
    }
    assertEquals(Set.of(), undecided);
    ObjectNode unknown = (ObjectNode) Json.parse("{\"model\":\"e\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"top_k\":5}");
    assertEquals("top_k", assertThrows(ApiException.class, () -> EnsembleFields.check(unknown, "e")).param());
  }

  @Test
  void defaultValuesOfRefusableFieldsAreAccepted() {
    ObjectNode body = (ObjectNode) Json.parse("{\"model\":\"e\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"frequency_penalty\":0,\"presence_penalty\":0.0,\"logprobs\":false,\"logit_bias\":{},"
        + "\"modalities\":[\"text\"],\"verbosity\":\"medium\",\"top_logprobs\":null,\"metadata\":{\"a\":\"b\"}}");
    EnsembleFields.check(body, "e"); // no exception: all defaults
  }

  private static void assertParam(String param, String json) {
    ApiException e = assertThrows(ApiException.class, () -> parse(json));
    assertEquals(400, e.status());
    assertEquals(param, e.param(), e.getMessage());
  }
}

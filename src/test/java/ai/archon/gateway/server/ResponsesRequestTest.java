package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** The Responses API body translated into a Chat Completions body, and what it refuses. */
class ResponsesRequestTest {

  private static String chat(String responsesBody) {
    return ResponsesRequest.parse(Json.parse(responsesBody)).chatBody(JsonNodeFactory.instance.arrayNode()).toString();
  }

  @Test
  void everySupportedFieldMapsToItsChatCompletionsForm() {
    assertEquals(Json.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
            + "{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2,\"top_p\":0.9,\"max_completion_tokens\":50,"
            + "\"user\":\"u1\",\"parallel_tool_calls\":false,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"d\","
            + "\"parameters\":{\"type\":\"object\"},\"strict\":true}}],"
            + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\","
            + "\"schema\":{\"type\":\"object\"},\"strict\":true}},"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
        Json.parse(chat("{\"model\":\"m\",\"instructions\":\"Be terse.\",\"input\":\"hi\",\"temperature\":0.2,"
            + "\"top_p\":0.9,\"max_output_tokens\":50,\"user\":\"u1\",\"parallel_tool_calls\":false,"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}],"
            + "\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"},"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"s\",\"schema\":{\"type\":\"object\"},"
            + "\"strict\":true}},\"metadata\":{\"k\":\"v\"},\"store\":false,\"stream\":true}")));
    assertEquals(Json.parse("{\"type\":\"json_object\"}"), Json.parse(chat("{\"model\":\"m\",\"input\":\"hi\","
        + "\"text\":{\"format\":{\"type\":\"json_object\"}}}")).get("response_format"));
  }

  @Test
  void itemsBecomeMessagesWithToolCallsInTheTurnThatMadeThemAndImagesAsImageParts() {
    assertEquals(Json.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}}]},"
            + "{\"role\":\"assistant\",\"content\":\"Let me look.\",\"tool_calls\":["
            + "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"zoom\",\"arguments\":\"{}\"}},"
            + "{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"ocr\",\"arguments\":\"{\\\"x\\\":1}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"zoomed\"},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":\"text\"}]"),
        Json.parse(chat("{\"model\":\"m\",\"input\":["
            + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is this?\"},"
            + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\"}]},"
            + "{\"type\":\"message\",\"role\":\"assistant\",\"id\":\"msg_1\",\"status\":\"completed\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"Let me look.\",\"annotations\":[]}]},"
            + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"zoom\",\"arguments\":\"{}\"},"
            + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"ocr\",\"arguments\":\"{\\\"x\\\":1}\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"zoomed\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c2\",\"output\":[{\"type\":\"input_text\",\"text\":\"text\"}]}"
            + "]}")).get("messages"));
  }

  @Test
  void whatHasNoChatCompletionsFormIsRefusedNamingTheField() {
    assertParam("max_tool_calls", "{\"model\":\"m\",\"input\":\"hi\",\"max_tool_calls\":3}");
    assertParam("text.verbosity", "{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"verbosity\":\"low\"}}");
    assertParam("tool_choice", "{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"web_search\"}}");
    assertParam("input[0].content[0].type", "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"input_file\",\"file_id\":\"f\"}]}]}");
    assertParam("truncation", "{\"model\":\"m\",\"input\":\"hi\",\"truncation\":\"auto\"}");
    assertParam("input", "{\"model\":\"m\"}");
    assertParam("input[0].call_id", "{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}");
    assertParam("metadata", "{\"model\":\"m\",\"input\":\"hi\",\"metadata\":{\"k\":1}}");
  }

  private static void assertParam(String param, String body) {
    ApiException e = assertThrows(ApiException.class, () -> ResponsesRequest.parse(Json.parse(body)));
    assertEquals(400, e.status());
    assertEquals(param, e.param(), e.getMessage());
  }
}

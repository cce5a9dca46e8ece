package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ResponsesSettings;
import ai.archon.gateway.scale.MemoryResponseStore;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat Completions chunks transcoded into the Responses API's events, and what is kept when the stream finishes. */
class ResponsesStreamTest {
  private final MemoryResponseStore store = new MemoryResponseStore(ResponsesSettings.DEFAULT);
  private final ResponseObject response = new ResponseObject("resp_1", "m",
      JsonNodeFactory.instance.objectNode().put("store", true));
  private final ReplyShape.Stream stream = new ResponsesReply(response, JsonNodeFactory.instance.arrayNode()
      .add(JsonNodeFactory.instance.objectNode().put("role", "user").put("content", "hi")), store, "", true).stream();
  private final List<JsonNode> events = new ArrayList<>();

  private void chunk(String delta, String finish) {
    stream.chunk(Buffer.buffer("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
        + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}"), this::event);
  }

  private void event(Buffer framed) {
    String s = framed.toString();
    String type = s.substring("event: ".length(), s.indexOf('\n'));
    JsonNode e = Json.parse(s.substring(s.indexOf("data: ") + 6).trim());
    assertEquals(type, e.get("type").asText(), "the event name is the data's type");
    assertEquals(events.size(), e.get("sequence_number").asInt());
    events.add(e);
  }

  private List<String> types() {
    return events.stream().map(e -> e.get("type").asText()).toList();
  }

  @Test
  void textThenToolCallsBecomeAMessageItemAndOneFunctionCallItemPerCall() {
    chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);
    chunk("{\"content\":\"Checking.\"}", null);
    chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}}]}", null);
    chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}", null);
    chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}", "tool_calls");
    stream.chunk(Buffer.buffer("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}"),
        this::event);
    assertTrue(stream.finish(this::event).succeeded());

    assertEquals(List.of("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types());
    JsonNode done = events.get(events.size() - 1).get("response");
    assertEquals("completed", done.get("status").asText());
    assertEquals("Checking.", done.at("/output/0/content/0/text").asText());
    assertEquals("call_a", done.at("/output/1/call_id").asText());
    assertEquals("{\"x\":1}", done.at("/output/1/arguments").asText());
    assertEquals("g", done.at("/output/2/name").asText());
    assertEquals(2, events.get(14).get("output_index").asInt());
    assertEquals(8, done.at("/usage/total_tokens").asInt());

    JsonNode kept = Json.parse(store.get("resp_1", "").result());
    assertEquals(done, kept.get("response"));
    assertEquals(Json.parse("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Checking.\","
        + "\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}},"
        + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}]"),
        kept.get("conversation"));
  }

  @Test
  void anAnswerCutByLengthEndsWithResponseIncomplete() {
    chunk("{\"content\":\"It was a\"}", "length");
    stream.finish(this::event);
    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.incomplete", last.get("type").asText());
    assertEquals("max_output_tokens", last.at("/response/incomplete_details/reason").asText());
  }

  @Test
  void anEmptyAnswerIsOneEmptyMessageAndNothingAfterTheEndIsWritten() {
    stream.finish(this::event);
    chunk("{\"content\":\"late\"}", null);
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.completed"), types());
    assertEquals("", events.get(events.size() - 1).at("/response/output/0/content/0/text").asText());
  }
}

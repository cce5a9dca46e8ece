package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import java.util.List;

/** One conversation with an image, tool calls and their results, and the tools it declares, for every mapper test. */
public final class ToolFixtures {
  private ToolFixtures() { }

  public static final String PNG = "data:image/png;base64,iVBORw0KGgo=";
  public static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],"
      + "\"additionalProperties\":false}";
  public static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather", JsonIo.read(WEATHER_SCHEMA), true);
  public static final ToolSpec TIME = new ToolSpec("get_time", null, null, false);
  public static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
      + "\"required\":[\"answer\"],\"additionalProperties\":false}";

  /** System, a user turn with text and an image, two parallel calls, their two results, a user follow-up. */
  public static List<Message> conversation(String imageUrl) {
    return List.of(
        Message.system("Be brief."),
        new Message("user", "Weather where this is?", List.of(new ContentPart.Text("Weather where this is?"),
            new ContentPart.Image(imageUrl, null)), List.of(), null, null),
        Message.assistantCalls("Checking.", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
            new ToolCall("call_2", "get_time", "{}"))),
        Message.toolResult("call_1", null, "18 C"),
        Message.toolResult("call_2", "get_time", "{\"time\":\"12:00\"}"),
        Message.user("Thanks"));
  }

  public static ChatRequest request(String model, List<Message> messages, OutputSpec output) {
    return new ChatRequest(model, messages, new Sampling(null, null, null, null, null, null), null, null, output);
  }

  public static ChatRequest withTools(String model, ToolChoice choice, Boolean parallel) {
    return request(model, conversation(PNG), new OutputSpec(List.of(WEATHER, TIME), choice, parallel, null));
  }

  public static ChatRequest asking(String model, OutputSpec output) {
    return request(model, List.of(Message.user("Hi")), output);
  }

  public static OutputSpec format(ResponseFormat f) {
    return new OutputSpec(List.of(), null, null, f);
  }

  public static ResponseFormat schema() {
    return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "reply", JsonIo.read(SCHEMA), true);
  }
}

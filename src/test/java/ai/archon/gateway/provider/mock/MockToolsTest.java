package ai.archon.gateway.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mock's deterministic tool calls and JSON answers. */
class MockToolsTest {
  static final ToolSpec WEATHER = new ToolSpec("get_weather", null, JsonIo.read("{\"type\":\"object\",\"properties\":"
      + "{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\",\"minimum\":1},\"unit\":{\"enum\":[\"c\",\"f\"]}}}"), true);
  static final ToolSpec TIME = new ToolSpec("get_time", null, null, false);

  private static ChatResult ask(List<Message> messages, OutputSpec out) {
    return MockAnswers.answer(new ChatRequest("mock-a", messages, new Sampling(null, null, null, null, null, null),
        new Purpose(Purpose.GENERATOR, 0), null, out));
  }

  @Test
  void offeredToolsAreCalledUntilTheConversationHoldsAResult() {
    OutputSpec tools = new OutputSpec(List.of(WEATHER, TIME), null, null, null);
    ChatResult first = ask(List.of(Message.user("Weather?")), tools);
    assertEquals("tool_calls", first.finishReason());
    ToolCall call = first.toolCalls().get(0);
    assertEquals("get_weather", call.name(), "the first declared tool");
    assertEquals("{\"city\":\"city example\",\"days\":1,\"unit\":\"c\"}", call.arguments());
    assertEquals(call, ask(List.of(Message.user("Weather?")), tools).toolCalls().get(0), "deterministic, id included");
    ChatResult after = ask(List.of(Message.user("Weather?"), Message.assistantCalls("", List.of(call)),
        Message.toolResult(call.id(), "get_weather", "sunny")), tools);
    assertTrue(after.toolCalls().isEmpty());
    assertEquals("stop", after.finishReason());
  }

  @Test
  void toolChoiceNamesOrSuppressesTheCall() {
    ChatResult named = ask(List.of(Message.user("Time?")),
        new OutputSpec(List.of(WEATHER, TIME), ToolChoice.function("get_time"), null, null));
    assertEquals("get_time", named.toolCalls().get(0).name());
    assertEquals("{}", named.toolCalls().get(0).arguments());
    assertTrue(ask(List.of(Message.user("x")), new OutputSpec(List.of(WEATHER), ToolChoice.NONE, null, null))
        .toolCalls().isEmpty());
  }

  @Test
  void jsonFormatsGetJson() {
    ChatResult schema = ask(List.of(Message.user("x")), new OutputSpec(List.of(), null, null,
        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "w", WEATHER.parameters(), true)));
    assertEquals("{\"city\":\"city example\",\"days\":1,\"unit\":\"c\"}", schema.text());
    ChatResult object = ask(List.of(Message.user("x")), new OutputSpec(List.of(), null, null, ResponseFormat.JSON_OBJECT));
    assertTrue(JsonIo.read(object.text()).path("answer").isTextual(), object.text());
  }
}

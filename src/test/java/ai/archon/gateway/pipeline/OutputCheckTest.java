package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  static final ToolSpec STRICT = new ToolSpec("f", null, JsonIo.read("{\"type\":\"object\",\"properties\":{\"n\":"
      + "{\"type\":\"integer\"}},\"required\":[\"n\"],\"additionalProperties\":false}"), true);
  static final OutputSpec TOOLS = new OutputSpec(List.of(STRICT), null, null, null);

  private static ChatResult calls(String name, String args) {
    return new ChatResult("", null, "tool_calls", List.of(new ToolCall("c", name, args)));
  }

  @Test
  void toolCallsAreChecked() {
    assertNull(OutputCheck.problem(calls("f", "{\"n\":2}"), TOOLS, true));
    assertEquals("invalid_tool_call", OutputCheck.problem(calls("g", "{}"), TOOLS, true).code());
    assertEquals("invalid_tool_call", OutputCheck.problem(calls("f", "{\"n\":"), TOOLS, true).code());
    String msg = OutputCheck.problem(calls("f", "{\"n\":\"two\"}"), TOOLS, false).message();
    assertTrue(msg.contains("/n") || msg.contains("$.n"), msg);
    ToolSpec loose = new ToolSpec("f", null, STRICT.parameters(), false);
    assertNull(OutputCheck.problem(calls("f", "{\"m\":1}"), new OutputSpec(List.of(loose), null, null, null), true),
        "without strict only JSON is required");
  }

  @Test
  void toolChoiceAppliesInTheFinalLayerOnly() {
    OutputSpec required = new OutputSpec(List.of(STRICT), ToolChoice.REQUIRED, null, null);
    ChatResult text = new ChatResult("hello", null, "stop");
    assertEquals("tool_choice_not_honoured", OutputCheck.problem(text, required, true).code());
    assertNull(OutputCheck.problem(text, required, false));
    OutputSpec none = new OutputSpec(List.of(STRICT), ToolChoice.NONE, null, null);
    assertEquals("tool_choice_not_honoured", OutputCheck.problem(calls("f", "{\"n\":1}"), none, true).code());
  }

  @Test
  void responseFormatsAreChecked() {
    OutputSpec object = new OutputSpec(List.of(), null, null, ResponseFormat.JSON_OBJECT);
    assertNull(OutputCheck.problem(new ChatResult(" {\"a\":1} ", null, null), object, true));
    assertEquals("invalid_structured_output", OutputCheck.problem(new ChatResult("[1]", null, null), object, true).code());
    assertEquals("invalid_structured_output", OutputCheck.problem(new ChatResult("{} trailing", null, null), object, true).code());
    OutputSpec schema = new OutputSpec(List.of(), null, null, new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "s",
        STRICT.parameters(), true));
    assertNull(OutputCheck.problem(new ChatResult("{\"n\":3}", null, null), schema, true));
    assertEquals("invalid_structured_output", OutputCheck.problem(new ChatResult("{\"n\":3,\"x\":1}", null, null), schema, true).code());
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Structured output for protocols that have no JSON response mode of their own (Anthropic Messages, Bedrock
 * Converse): both document a forced tool for it. The answer's schema is declared as the input schema of one more
 * tool, {@value #NAME}, which the tool choice forces; the reply's call of that tool is turned back into the answer's
 * JSON text, finish reason {@code stop}. With client tools and an {@code auto} choice the model must call some tool
 * ({@code any}): one of the client's (a tool-call answer, the format does not apply) or {@value #NAME} (the answer).
 * A {@code required} or named choice wants a tool call, so the format is left out.
 */
public final class JsonAnswerTool {
  public static final String NAME = "json_answer";

  /** What a mapper sends: the tools, the choice (null: not sent) and whether {@value #NAME} is among the tools. */
  public record Plan(List<ToolSpec> tools, ToolChoice choice, boolean jsonAnswer) { }

  private JsonAnswerTool() { }

  public static Plan plan(OutputSpec out) {
    ResponseFormat format = out.responseFormat();
    ToolChoice choice = out.toolChoice();
    if (!format.wantsJson() || (choice != null && choice.forcesCall())) return new Plan(out.tools(), choice, false);
    if (out.tool(NAME) != null) {
      throw new UnsupportedContent("a client tool is named " + NAME + ", the name the gateway uses to carry a JSON"
          + " response_format to this protocol");
    }
    List<ToolSpec> tools = new ArrayList<>(out.tools());
    String what = format.name() == null ? "" : " (" + format.name() + ")";
    tools.add(new ToolSpec(NAME, "Give your final answer by calling this tool: its input is the answer" + what
        + ", a JSON value in the required format.", schema(format), format.strict()));
    boolean clientTools = out.hasTools() && (choice == null || choice.mode() == ToolChoice.Mode.AUTO);
    return new Plan(tools, clientTools ? ToolChoice.REQUIRED : ToolChoice.function(NAME), true);
  }

  /**
   * The finished answer: with tool calls of the client's, those (finish {@code tool_calls} unless the reply was cut);
   * else with a call of {@value #NAME}, its arguments as the answer's text (finish {@code stop} for the
   * {@code tool_use} stop); else the text as it came.
   */
  public static ChatResult result(String text, Usage usage, String finish, List<ToolCall> calls, String json) {
    if (!calls.isEmpty()) return new ChatResult(text, usage, callsFinish(finish), calls);
    if (json != null) return new ChatResult(json, usage, answerFinish(finish));
    return new ChatResult(text, usage, finish);
  }

  /**
   * As {@link #result} for a stream, whose text already holds what was relayed: the arguments of {@value #NAME},
   * piece by piece, are the answer's text.
   */
  public static ChatResult streamed(StreamText out, Usage usage, String finish, StreamedCalls calls, boolean jsonAnswer) {
    List<ToolCall> client = calls.calls(jsonAnswer ? NAME : null);
    if (!client.isEmpty()) return out.result(usage, callsFinish(finish), client);
    if (jsonAnswer && calls.argumentsOf(NAME) != null) return out.result(usage, answerFinish(finish));
    return out.result(usage, finish);
  }

  private static String callsFinish(String finish) {
    return "length".equals(finish) ? finish : "tool_calls";
  }

  private static String answerFinish(String finish) {
    return finish == null || "tool_calls".equals(finish) ? "stop" : finish;
  }

  /** The answer's schema: the client's for json_schema, any object for json_object (both protocols need an object). */
  static JsonNode schema(ResponseFormat format) {
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) return format.schema();
    return JsonNodeFactory.instance.objectNode().put("type", "object");
  }
}

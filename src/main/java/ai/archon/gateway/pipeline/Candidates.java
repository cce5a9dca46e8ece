package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ToolCall;
import java.util.List;

/**
 * How an answer reads as a candidate: its text, or for an answer that calls tools the calls written out (function
 * name and JSON arguments), so critics, rankers, verifiers and fusers judge "which call is right" as they judge text.
 */
public final class Candidates {
  private Candidates() { }

  /** The answer's text, followed by its function calls written out when it has any. */
  public static String render(ChatResult r) {
    if (!r.hasToolCalls()) return r.text();
    String calls = calls(r.toolCalls());
    return r.text().isBlank() ? calls : r.text().strip() + "\n\n" + calls;
  }

  /** One line per call: {@code Calls the function get_weather with arguments {"city":"Paris"}}. */
  public static String calls(List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    for (ToolCall c : calls) {
      if (sb.length() > 0) sb.append('\n');
      sb.append("Calls the function ").append(c.name()).append(" with arguments ").append(c.arguments().strip());
    }
    return sb.toString();
  }
}

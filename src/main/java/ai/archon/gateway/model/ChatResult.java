package ai.archon.gateway.model;

import java.util.List;

/**
 * The finished answer of one upstream call: its text, usage and finish reason, and the function calls it asked
 * for (empty for a text answer; then {@code finishReason} is {@code tool_calls}).
 */
public record ChatResult(String text, Usage usage, String finishReason, List<ToolCall> toolCalls) {
  public ChatResult {
    text = text == null ? "" : text;
    usage = usage == null ? Usage.ZERO : usage;
    finishReason = finishReason == null ? "stop" : finishReason;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public ChatResult(String text, Usage usage, String finishReason) {
    this(text, usage, finishReason, List.of());
  }

  public boolean hasToolCalls() { return !toolCalls.isEmpty(); }
}

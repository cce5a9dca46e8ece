package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of one run: the final candidates (best first), summed usage, upstream call count and the trace.
 * {@code toolCalls} is null when every answer is text, else each answer's function calls (empty for a text one);
 * an answer with calls has its calls written out as its text ({@link Candidates#render}).
 */
public record PipelineResult(List<String> answers, Usage usage, int upstreamCalls, ObjectNode trace, boolean relayed,
    List<List<ToolCall>> toolCalls) {

  public PipelineResult(List<String> answers, Usage usage, int upstreamCalls, ObjectNode trace, boolean relayed) {
    this(answers, usage, upstreamCalls, trace, relayed, null);
  }

  /** Answer {@code i}'s function calls (empty for a text answer). */
  public List<ToolCall> toolCalls(int i) {
    return toolCalls == null ? List.of() : toolCalls.get(i);
  }
}

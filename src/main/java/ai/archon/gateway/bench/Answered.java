package ai.archon.gateway.bench;

import ai.archon.gateway.model.Usage;
import java.util.List;

/**
 * A question's finished answer: one output per turn (a single one for a one-call question), the summed usage and
 * upstream calls of its successful attempt, that attempt's wall time, and when it finished (seconds since the epoch).
 */
public record Answered(Question question, List<String> outputs, Usage usage, int upstreamCalls, long latencyMs,
    double tstamp) {
  public Answered {
    outputs = List.copyOf(outputs);
  }

  /** The last turn's output: the answer of a single-turn question. */
  public String last() {
    return outputs.get(outputs.size() - 1);
  }
}

package ai.archon.gateway.facade;

import ai.archon.gateway.facade.Archon;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one {@link Archon#generate} run produced: the answer (the best final candidate), every final candidate best
 * first, the usage summed over all upstream calls, how many calls were made, and the per-layer trace (the same JSON
 * the gateway returns under {@code archon} with {@code x-archon-trace: 1}).
 */
public record ArchonResult(String answer, List<String> candidates, Usage usage, int upstreamCalls, ObjectNode trace) {
  public ArchonResult {
    candidates = List.copyOf(candidates);
  }
}

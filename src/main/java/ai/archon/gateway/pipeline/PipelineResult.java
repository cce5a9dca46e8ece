package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The outcome of one run: the final candidates (best first), summed usage, upstream call count and the trace. */
public record PipelineResult(List<String> answers, Usage usage, int upstreamCalls, ObjectNode trace, boolean relayed) {
}

package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.EnsembleSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the run's trace (the reply's {@code archon} object with {@code x-archon-trace}, the live trace's final
 * event, the library's {@code ArchonResult.trace}) as one more listener of the run: attached only when one of those
 * asks ({@link RunContext#recordTrace}), so an untraced request builds no JSON. Each layer's entry is written when
 * the layer ends, so a straggler that finishes after its layer's cut does not change it.
 */
final class TraceRecorder implements RunListener {
  private final List<ObjectNode> layers = new ArrayList<>();

  @Override
  public void layerFinished(LayerRun layer, PipelineState out) {
    layers.add(layer.toJson());
  }

  /** The whole trace of {@code run} of {@code spec}, its layers so far. */
  ObjectNode json(EnsembleSpec spec, RunContext run) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("model", spec.name());
    n.put("version", spec.sha256());
    n.put("upstream_calls", run.upstreamCalls());
    n.put("cost", run.usage().cost());
    ArrayNode arr = n.putArray("layers");
    layers.forEach(arr::add);
    n.put("degraded", run.degraded());
    if (run.degraded()) {
      ArrayNode skipped = n.putArray("skipped");
      for (String[] s : run.skipped()) skipped.addObject().put("component", s[0]).put("reason", s[1]);
    }
    return n;
  }
}

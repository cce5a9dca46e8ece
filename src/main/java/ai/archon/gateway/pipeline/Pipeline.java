package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.model.Relay;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A loaded ensemble ready to run: its layers in order, each layer's components concurrently. Immutable, shared. */
public final class Pipeline {
  private final EnsembleSpec spec;
  private final List<Layer> layers;

  private Pipeline(EnsembleSpec spec, List<Layer> layers) {
    this.spec = spec;
    this.layers = layers;
  }

  /** With Archon's seven component types only. */
  public static Pipeline build(EnsembleSpec spec) {
    return build(spec, ComponentFactory.BUILT_IN);
  }

  /** With the component types {@code components} knows (Archon's and the extensions'). */
  public static Pipeline build(EnsembleSpec spec, ComponentFactory components) {
    List<Layer> layers = new ArrayList<>();
    int count = spec.layers().size();
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      List<Component> made = spec.layers().get(i).stream().map(c -> components.create(c, last)).toList();
      layers.add(new Layer(spec.name(), i + 1, made));
    }
    return new Pipeline(spec, layers);
  }

  public EnsembleSpec spec() { return spec; }

  /**
   * True when the final answer can be relayed token by token: the last layer is one generator or fuser drawing one
   * sample, so its single stream is the answer.
   */
  public boolean relaysFinalTokens() {
    List<Component> last = layers.get(layers.size() - 1).components();
    return last.size() == 1 && last.get(0).producesCandidates() && last.get(0).spec().samples() == 1;
  }

  /**
   * Runs every layer in order. With {@code relay} non-null and {@link #relaysFinalTokens()} true, the final
   * component's tokens go there as they arrive (the result then says {@code relayed}).
   */
  public Future<PipelineResult> run(RunContext run, Consumer<String> relay) {
    boolean relaying = relay != null && relaysFinalTokens();
    run.listener().runStarted(spec.name(), spec.sha256(), layers.size());
    List<ObjectNode> layerTraces = new ArrayList<>();
    Future<PipelineState> state = Future.succeededFuture(PipelineState.EMPTY);
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int left = layers.size() - i;
      Relay tokens = relaying && i == layers.size() - 1 ? Relay.of(relay) : null;
      state = state.compose(in -> layer.apply(in, run, layerTraces, left, tokens));
    }
    return state.map(out -> new PipelineResult(out.candidates(), run.usage(), run.upstreamCalls(),
        trace(layerTraces, run), relaying)).andThen(ar -> run.listener().runFinished(ar.result(), ar.cause()));
  }

  private ObjectNode trace(List<ObjectNode> layerTraces, RunContext run) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("model", spec.name());
    n.put("version", spec.sha256());
    n.put("upstream_calls", run.upstreamCalls());
    ArrayNode arr = n.putArray("layers");
    layerTraces.forEach(arr::add);
    n.put("degraded", run.degraded());
    if (run.degraded()) {
      ArrayNode skipped = n.putArray("skipped");
      for (String[] s : run.skipped()) skipped.addObject().put("component", s[0]).put("reason", s[1]);
    }
    return n;
  }
}

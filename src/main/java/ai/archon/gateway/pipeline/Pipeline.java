package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Relay;
import ai.archon.gateway.model.ToolCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A loaded ensemble ready to run: its layers in order, each layer's components concurrently. Immutable, shared. */
public final class Pipeline {
  private final EnsembleSpec spec;
  private final List<Layer> layers;
  private final List<String> modelTypes;

  private Pipeline(EnsembleSpec spec, List<Layer> layers) {
    this.spec = spec;
    this.layers = layers;
    this.modelTypes = spec.modelTypes();
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

  /** {@link EnsembleSpec#modelTypes()}, worked out once: every request checks their keys (0.4 % of the CPU per call). */
  public List<String> modelTypes() { return modelTypes; }

  /** The components that write candidates (generators, fusers, extensions' writers): the ones that get tools. */
  public List<ComponentSpec> writers() {
    List<ComponentSpec> out = new ArrayList<>();
    for (Layer l : layers) for (Component c : l.components()) if (c.producesCandidates()) out.add(c.spec());
    return out;
  }

  List<Layer> layers() { return layers; }

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
    // An answer that may be tool calls or must be JSON is checked (and maybe asked again) before the client sees it.
    boolean relaying = relay != null && relaysFinalTokens() && run.overrides().output().isPlainText();
    run.listener().runStarted(spec.name(), spec.sha256(), layers.size());
    Future<PipelineState> state = Future.succeededFuture(PipelineState.EMPTY);
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int left = layers.size() - i;
      Relay tokens = relaying && i == layers.size() - 1 ? Relay.of(relay) : null;
      state = state.compose(in -> layer.apply(in, run, left, tokens));
    }
    return state.compose(out -> checked(out, run)).map(out -> new PipelineResult(out.candidates(), run.usage(),
        run.upstreamCalls(), run.recorder() == null ? null : run.recorder().json(spec, run), relaying,
        out.toolCalls()))
        .andThen(ar -> run.listener().runFinished(ar.result(), ar.cause()));
  }

  /**
   * The final state, or a failure when an answer the client gets (the first {@code n}) misses its tool choice, a
   * strict tool's schema or its response format: never a reply passed off as compliant.
   */
  private static Future<PipelineState> checked(PipelineState out, RunContext run) {
    if (run.overrides().output().isPlainText()) return Future.succeededFuture(out);
    for (int i = 0; i < Math.min(run.choices(), out.size()); i++) {
      List<ToolCall> calls = out.toolCalls(i);
      // A text answer's candidate text is its text; a tool-call answer is judged by its calls.
      ChatResult answer = new ChatResult(calls.isEmpty() ? out.candidates().get(i) : "", null, null, calls);
      OutputCheck.Problem p = OutputCheck.problem(answer, run.overrides().output(), true);
      if (p != null) return Future.failedFuture(new OutputRejectedException(p.code(), "the ensemble's answer was rejected: "
          + p.message()));
    }
    return Future.succeededFuture(out);
  }
}

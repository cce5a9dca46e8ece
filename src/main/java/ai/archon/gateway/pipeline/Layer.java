package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Futures;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Relay;
import ai.archon.gateway.observe.Spans;
import io.opentelemetry.context.Context;
import ai.archon.gateway.resilience.Failures;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One layer: all components run at once on the same input; outputs are concatenated in config order. */
final class Layer {
  private static final String CUT =
      "cut: still running when the layer's share of the deadline was spent (it had its min_candidates)";
  private final String model;
  private final int number;
  private final List<Component> components;
  /** Candidates the layer yields when every call succeeds, or 1 if it writes none (counted once, read per request). */
  private final int expected;
  private final List<ComponentSpec> specs;

  /** Layer {@code number} (from 1) of virtual model {@code model}. */
  Layer(String model, int number, List<Component> components) {
    this.model = model;
    this.number = number;
    this.components = List.copyOf(components);
    int n = this.components.stream().filter(Component::producesCandidates).mapToInt(c -> c.spec().samples()).sum();
    this.expected = n == 0 ? 1 : n;
    this.specs = this.components.stream().map(Component::spec).toList();
  }

  List<Component> components() { return components; }

  /**
   * Keeps what succeeded; fails only when nothing did or the result holds no candidate. {@code layersLeft} (this one
   * included) sets its share of the remaining deadline: once that is spent and it has its minimum of candidates, it
   * stops waiting for stragglers (see {@link StragglerCut}) so that the later layers keep their time. {@code relay}
   * (or null) is the client's token stream, given to the final layer's only component.
   */
  Future<PipelineState> apply(PipelineState in, RunContext run, int layersLeft, Relay relay) {
    long start = System.nanoTime();
    List<ComponentTrace> traces = new ArrayList<>(components.size());
    List<Future<PipelineState>> runs = new ArrayList<>(components.size());
    long cutMs = run.layerCutMs(layersLeft);
    // With a cut point each component calls on its own context: a cut straggler's requests are reset, and no retry
    // of it starts that could not finish before the cut.
    boolean cuttable = cutMs >= 0 && components.size() > 1;
    List<CallContext> scopes = new ArrayList<>(components.size());
    RunListener listener = run.listener();
    listener.layerStarted(number, specs, in);
    Context layerSpan = Spans.layer(run.callContext().trace(), model, number); // null: not traced
    for (Component c : components) {
      ComponentTrace t = new ComponentTrace(c.spec());
      t.at(number, traces.size());
      traces.add(t);
      Context span = layerSpan == null ? null : Spans.component(layerSpan, model, number, c.spec());
      // Traced, each component calls on its own context too, whose trace context makes its span their parent.
      if (cuttable || span != null) {
        CallContext own = run.callContext().child();
        if (cuttable) own.finishBy(start + cutMs * 1_000_000L);
        if (span != null) own.trace(span);
        t.ownScope(own);
        scopes.add(own);
      }
      // A component bug must fail its own future, not escape into the event loop.
      Future<PipelineState> f = Futures.safely(() -> relay == null ? c.apply(in, run, t) : c.apply(in, run, t, relay),
          e -> t.degrade("failed", "internal error: " + e));
      runs.add(f.andThen(ar -> {
        t.finish(in.size(), ar.succeeded() ? ar.result().size() : 0);
        listener.componentFinished(t, c.producesCandidates(), in, ar.result());
        // Not traced (span null): none of the trace's synchronized getters is read for it.
        if (span != null) {
          Spans.endComponent(span, t.status(), t.usage(), t.candidatesIn(), t.candidatesOut(), t.error());
        }
      }));
    }
    int needed = Math.min(run.minCandidates(), expected);
    Future<?> settled = StragglerCut.settled(runs, needed, cutMs);
    return settled.transform(done -> {
      for (int i = 0; i < runs.size(); i++) {
        if (!runs.get(i).isComplete()) traces.get(i).degrade("cut", CUT);
      }
      List<PipelineState> ok = new ArrayList<>(runs.size());
      for (Future<PipelineState> r : runs) if (r.succeeded()) ok.add(r.result());
      PipelineState out = ok.isEmpty() ? PipelineState.EMPTY : PipelineState.concat(ok);
      listener.layerFinished(new LayerRun(number, in.size(), out.size(), (System.nanoTime() - start) / 1_000_000,
          traces), out);
      for (int i = 0; i < traces.size(); i++) {
        ComponentTrace t = traces.get(i);
        if (runs.get(i).failed() || "failed".equals(t.status()) || "cut".equals(t.status())) {
          run.skipped(t.spec().label(), "cut".equals(t.status()) ? CUT : t.error() != null ? t.error() : t.status());
        }
      }
      // Cut stragglers' upstream requests are reset, not left running (after the trace: the reset fails them).
      for (int i = 0; cuttable && i < runs.size(); i++) {
        if (!runs.get(i).isComplete()) scopes.get(i).cancel();
      }
      // A unit_test_generator layer adds tests, not candidates: that is its whole output.
      boolean testsOnly = out.size() == 0 && out.unitTests() != null;
      if (testsOnly || (out.size() > 0 && out.size() >= needed)) {
        Spans.endLayer(layerSpan, in.size(), out.size(), null);
        return Future.succeededFuture(out);
      }
      String why = traces.stream().filter(t -> !"ok".equals(t.status()) || t.error() != null)
          .map(t -> t.spec().label() + ": " + (t.error() == null ? t.status() : t.error()))
          .collect(Collectors.joining("; "));
      // An upstream's own failure explains more than our refusals (open breaker, rate limit) that followed it.
      Throwable cause = runs.stream().filter(Future::failed).map(Future::cause)
          .min(java.util.Comparator.comparing(Failures::ours)).orElse(null);
      String what = out.size() == 0 ? "produced no candidates"
          : "produced " + out.size() + " candidates, fewer than min_candidates " + needed;
      String failure = "layer " + number + " " + what + " (" + why + ")";
      Spans.endLayer(layerSpan, in.size(), out.size(), failure);
      return Future.failedFuture(new LayerFailedException(failure, cause));
    });
  }
}

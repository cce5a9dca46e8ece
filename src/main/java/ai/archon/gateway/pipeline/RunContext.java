package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Relay;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.Reranker;
import ai.archon.gateway.resilience.GuardedProviders;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.resilience.Failures;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one pipeline run shares: the client's conversation and overrides, the cancellation context, the
 * guarded providers, and the running totals (usage, upstream calls). Every chat call of the run goes through
 * {@link #call} or {@link #stream}, and a rerank call through {@link #countCall}, so totals and traces cannot miss one.
 */
public final class RunContext {
  private final List<Message> conversation;
  private final Overrides overrides;
  private final CallContext call;
  private final GuardedProviders providers;
  private final GatewayEvents events;
  private final AtomicInteger upstreamCalls = new AtomicInteger();
  private Usage usage = Usage.FREE;
  private Prices prices = Prices.NONE;
  private int minCandidates = 1;
  private int choices = 1;
  private long deadlineNanos = Long.MAX_VALUE;
  private int layerDeadlinePercent;
  private long stragglerGraceMs = Long.MAX_VALUE;
  private final List<String[]> skipped = new ArrayList<>();
  private RunListener listener = RunListener.NONE;
  /** Writes the reply's trace; null unless someone asked for it ({@link #recordTrace}). */
  private TraceRecorder recorder;
  /** The recorder and the listener, as the one hook the run's code calls. */
  private RunListener hooks = RunListener.NONE;
  /** The request of the latest call (see {@link #request}); immutable, so a racing reader sees a whole one. */
  private volatile LastRequest lastRequest;

  public RunContext(List<Message> conversation, Overrides overrides, CallContext call, GuardedProviders providers,
      GatewayEvents events) {
    this.conversation = List.copyOf(conversation);
    this.overrides = overrides;
    this.call = call;
    this.providers = providers;
    this.events = events;
  }

  public List<Message> conversation() { return conversation; }

  public Overrides overrides() { return overrides; }

  /**
   * What a generator or fuser call may answer with: the client's tools, tool choice and parallel flag everywhere
   * (a candidate may be tool calls in any layer), the response format in the final layer only (earlier candidates
   * are material for judges and fusers, not the answer).
   */
  OutputSpec outputFor(boolean finalLayer) {
    return finalLayer ? overrides.output() : overrides.output().withoutFormat();
  }

  /** How many choices the client asked for ({@code n}): the final layer's writers draw at least that many samples. */
  public int choices() { return choices; }

  public void choices(int n) { this.choices = Math.max(1, n); }

  public CallContext callContext() { return call; }

  /** The context for {@code trace}'s component's calls: its own when its layer may cut it, else the request's. */
  public CallContext callContext(ComponentTrace trace) { return trace.scope(call); }

  public int upstreamCalls() { return upstreamCalls.get(); }

  /** Who watches this run as it happens (the live trace); set before it starts. */
  public void listen(RunListener l) {
    this.listener = l == null ? RunListener.NONE : l;
    hooks = ListenerPair.of(recorder == null ? RunListener.NONE : recorder, listener);
  }

  /**
   * Makes the run write its trace ({@link PipelineResult#trace}, null otherwise): for a client that asked for it
   * ({@code x-archon-trace}) and for the library's result. Set before it starts.
   */
  public void recordTrace() {
    if (recorder == null) recorder = new TraceRecorder();
    hooks = ListenerPair.of(recorder, listener);
  }

  /** The trace's writer, or null when the run writes none. */
  TraceRecorder recorder() { return recorder; }

  RunListener listener() { return hooks; }

  /** The rerank API a reward-model ranker calls (behind its guard), or empty when its model_type is a chat provider. */
  Optional<Reranker> reranker(ComponentSpec spec) {
    return providers.rerankerFor(spec);
  }

  /** Counts one upstream call that does not go through {@link #call} (a rerank request) in the totals and trace. */
  <T> Future<T> countCall(ComponentTrace trace, java.util.function.Supplier<Future<T>> call) {
    if (trace.scope(this.call).cancelled()) {
      return Future.failedFuture(new java.util.concurrent.CancellationException("request cancelled"));
    }
    upstreamCalls.incrementAndGet();
    int n = trace.callStarted();
    long start = System.nanoTime();
    hooks.callStarted(trace, n, trace.spec().model(), trace.spec().modelType());
    Future<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.andThen(ar -> {
      // A rerank call reports no tokens: it adds nothing to the cost (rerank APIs bill per search, not per token).
      if (ar.succeeded()) trace.callFinished(Usage.FREE);
      else trace.callFailed(ar.cause());
      hooks.callFinished(trace, n, millisSince(start), null, ar.cause());
    });
  }

  /** Tokens and cost of every call that answered so far; the cost is null once a call's model had no price. */
  public synchronized Usage usage() { return usage; }

  /** The prices this run's calls are costed at (a snapshot taken when the request started; none by default). */
  public void prices(Prices table) { this.prices = table == null ? Prices.NONE : table; }

  /** One call with the component's own temperature and output limit, outside the final layer (judges, critics). */
  public Future<ChatResult> call(ComponentSpec spec, List<Message> messages, Purpose purpose, ComponentTrace trace) {
    return call(spec, CallOptions.of(spec, messages, purpose), trace);
  }

  /** One non-streaming upstream call for a component. */
  public Future<ChatResult> call(ComponentSpec spec, CallOptions options, ComponentTrace trace) {
    return call(spec, spec, spec.fallbacks(), options, trace, null);
  }

  /**
   * One streaming upstream call for a component: each text piece goes to {@code relay} as it arrives (the client's
   * stream, passed down from the pipeline to the final component's first sample).
   */
  public Future<ChatResult> stream(ComponentSpec spec, CallOptions options, ComponentTrace trace, Relay relay) {
    return call(spec, spec, spec.fallbacks(), options, trace, relay);
  }

  /**
   * Calls {@code target} (the component's own model or one of its fallbacks, {@code fallbacks} being the ones left);
   * when its provider is unavailable (breaker open, our rate limit, attempts spent) and no token has
   * reached the client, the next fallback is tried.
   */
  private Future<ChatResult> call(ComponentSpec spec, ComponentSpec target, List<ComponentSpec.Fallback> fallbacks,
      CallOptions options, ComponentTrace trace, Relay relay) {
    CallContext call = trace.scope(this.call);
    if (call.cancelled()) return Future.failedFuture(new java.util.concurrent.CancellationException("request cancelled"));
    ChatProvider provider;
    try {
      provider = providers.forComponent(target);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    ChatRequest req = request(target, options);
    upstreamCalls.incrementAndGet();
    int n = trace.callStarted();
    long start = System.nanoTime();
    hooks.callStarted(trace, n, target.model(), target.modelType());
    // Each HTTP attempt is reported to the events by the provider's resilience guard.
    Future<ChatResult> f = relay == null ? provider.complete(req, call) : provider.stream(req, call, relay);
    return f.transform(ar -> {
      hooks.callFinished(trace, n, millisSince(start), ar.result(), ar.cause());
      if (ar.succeeded()) {
        events.upstreamTokens(target.modelType(), target.model(), ar.result().usage());
        Prices.Price price = prices.of(target.modelType(), target.model());
        Usage priced = ar.result().usage().withCost(price == null ? null : price.cost(ar.result().usage()));
        trace.callFinished(priced);
        addUsage(priced);
        return Future.succeededFuture(ar.result());
      }
      trace.callFailed(ar.cause());
      if (!fallbacks.isEmpty() && !Relay.started(relay) && !call.cancelled() && Failures.unavailable(ar.cause())) {
        ComponentSpec next = spec.with(fallbacks.get(0));
        trace.fellBack(next.model() + " (" + next.modelType() + ")", ar.cause().getMessage());
        return call(spec, next, fallbacks.subList(1, fallbacks.size()), options, trace, relay);
      }
      return Future.failedFuture(ar.cause());
    });
  }

  /**
   * The request for one call of {@code target} with {@code options}. A component's samples ask the same thing, so they
   * share one request object, and a provider that keeps the body it wrote for that object (the OpenAI-compatible
   * one) writes a fuser's ten-candidate prompt once instead of once per sample.
   */
  private ChatRequest request(ComponentSpec target, CallOptions options) {
    LastRequest last = lastRequest;
    if (last != null && last.target() == target && last.options() == options) return last.request();
    // Components alike (ten generators of one model) ask the same too: the same object, so the body is written once.
    if (last != null && last.target().target().equals(target.target()) && sameCall(last.options(), options)) {
      return last.request();
    }
    List<Message> messages = options.messages();
    ChatRequest req = new ChatRequest(target.model(), target.noSystem() ? foldSystem(messages) : messages,
        new Sampling(options.temperature(), options.maxTokens(), overrides.topP(),
            options.finalLayer() ? overrides.stop() : List.of(), overrides.seed(), overrides.user()),
        options.purpose(), null, options.output());
    lastRequest = new LastRequest(target, options, req);
    return req;
  }

  /** True when two calls send the same request: cheap fields first, the prompt (often the same list) last. */
  private static boolean sameCall(CallOptions a, CallOptions b) {
    return a.finalLayer() == b.finalLayer() && a.purpose().equals(b.purpose())
        && java.util.Objects.equals(a.temperature(), b.temperature())
        && java.util.Objects.equals(a.maxTokens(), b.maxTokens()) && a.output().equals(b.output())
        && a.messages().equals(b.messages());
  }

  private record LastRequest(ComponentSpec target, CallOptions options, ChatRequest request) { }

  /** Fewest candidates a candidate-writing layer may yield (settings default or the config's own). */
  public int minCandidates() { return minCandidates; }

  public void minCandidates(int n) { this.minCandidates = Math.max(1, n); }

  /**
   * The ensemble-aware deadline: when the request expires ({@link System#nanoTime()}), each layer's share of what
   * remains (percent; 0 = even over the layers left) and the least it waits before cutting stragglers.
   */
  public void deadline(long expiresAtNanos, int layerPercent, long graceMs) {
    this.deadlineNanos = expiresAtNanos;
    this.layerDeadlinePercent = layerPercent;
    this.stragglerGraceMs = graceMs;
  }

  /** Milliseconds after its start at which a layer, {@code layersLeft} from the end (itself included), may cut. */
  long layerCutMs(int layersLeft) {
    if (deadlineNanos == Long.MAX_VALUE) return -1;
    long remainingMs = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    long share = layerDeadlinePercent > 0 ? remainingMs * layerDeadlinePercent / 100 : remainingMs / Math.max(1, layersLeft);
    return Math.max(stragglerGraceMs, share);
  }

  /** A component that added nothing to the answer (failed or skipped), with why; makes the answer degraded. */
  synchronized void skipped(String component, String why) {
    skipped.add(new String[] {component, why == null ? "failed" : why});
  }

  /** The components the answer was built without, each as {component, reason}. */
  public synchronized List<String[]> skipped() { return List.copyOf(skipped); }

  /** True when the answer was built from fewer components than configured. */
  public synchronized boolean degraded() { return !skipped.isEmpty(); }

  private synchronized void addUsage(Usage u) {
    usage = usage.plus(u);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Models such as o1 take no system message: its text goes in front of the first user message instead. */
  static List<Message> foldSystem(List<Message> messages) {
    StringBuilder system = new StringBuilder();
    List<Message> rest = new ArrayList<>();
    for (Message m : messages) {
      if ("system".equals(m.role()) || "developer".equals(m.role())) {
        if (system.length() > 0) system.append("\n\n");
        system.append(m.content());
      } else {
        rest.add(m);
      }
    }
    if (system.length() == 0) return messages;
    for (int i = 0; i < rest.size(); i++) {
      if ("user".equals(rest.get(i).role())) {
        rest.set(i, rest.get(i).withText(system + "\n\n" + rest.get(i).content()));
        return rest;
      }
    }
    rest.add(0, Message.user(system.toString()));
    return rest;
  }
}

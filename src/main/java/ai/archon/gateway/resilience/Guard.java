package ai.archon.gateway.resilience;

import ai.archon.gateway.config.ProviderPolicy;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.ModelLabels;
import ai.archon.gateway.model.CallContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Everything between the gateway and one provider (model_type): per attempt its rate limits (rpm, tpm,
 * max_concurrency, waiting on Vert.x timers up to max_queue_ms) → circuit breaker (per provider, or per model with
 * scope "model") → the HTTP call under timeout_ms / stream_idle_timeout_ms; the whole wrapped in retries with
 * backoff and jitter that honour Retry-After. Built once per provider and shared by every event loop (Resilience4j
 * objects are thread-safe); only their non-blocking primitives are used.
 */
public final class Guard {
  private final Vertx vertx;
  private final String provider;
  private final ProviderPolicy policy;
  private final GatewayEvents events;
  private final Consumer<CircuitBreaker> onBreaker;
  private final Limiter limiter;
  private final ConcurrencyGate gate;
  private final Retry retry;
  private final CircuitBreakerConfig breakerConfig;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  /** Breakers one provider keeps with {@code scope: model}; a bound on client-chosen names, far above real use. */
  static final int MAX_MODEL_BREAKERS = 256;
  private final Supplier<ModelLabels> labels;
  private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

  /** One attempt: given its own cancellable context and (for streams) the token sink to feed. */
  @FunctionalInterface
  public interface Attempt<T> {
    Future<T> run(CallContext attemptContext, Consumer<String> sink);
  }

  /**
   * How the guard's breakers are made: {@code labels} bounds per-model breakers to known models (the rest share
   * "other"); {@code onCreate} is told of each breaker as it is made, before its first call (e.g. to share its
   * transitions across replicas).
   */
  public record Breakers(Supplier<ModelLabels> labels, Consumer<CircuitBreaker> onCreate) {
    public static final Breakers LOCAL = new Breakers(() -> ModelLabels.NONE, cb -> { });
  }

  public Guard(Vertx vertx, String provider, ProviderPolicy policy, Limiter limiter, GatewayEvents events) {
    this(vertx, provider, policy, limiter, events, Breakers.LOCAL);
  }

  public Guard(Vertx vertx, String provider, ProviderPolicy policy, Limiter limiter, GatewayEvents events,
      Breakers breakers) {
    this.vertx = vertx;
    this.labels = breakers.labels();
    this.onBreaker = breakers.onCreate();
    this.provider = provider;
    this.policy = policy;
    this.events = events;
    this.limiter = limiter;
    this.gate = new ConcurrencyGate(vertx, provider, policy.rateLimit().maxConcurrency());
    this.retry = PolicyConfigs.retry(provider, policy.retry());
    this.breakerConfig = PolicyConfigs.breaker(policy.breaker());
  }

  public String provider() { return provider; }

  public ProviderPolicy policy() { return policy; }

  Limiter limiter() { return limiter; }

  ConcurrencyGate gate() { return gate; }

  Map<String, CircuitBreaker> breakers() { return breakers; }

  long attempts() { return attempts.get(); }

  long retries() { return retries.get(); }

  /** Calls waiting for a rate-limit slot or a concurrency slot. */
  int queued() { return waiting.get() + gate.queued(); }

  /**
   * How long the named breaker of this guard stays open (at least 1 ms; half-open with its probes taken: open_ms), or
   * -1 when it is not one of this guard's breakers.
   */
  long remainingOpenMs(String name) {
    if (!breakers.containsKey(name)) return -1;
    Long at = openedAt.get(name);
    long openMs = policy.breaker().openMs();
    return at == null ? openMs : Math.max(1, Math.min(openMs, at + openMs - System.currentTimeMillis()));
  }

  /** The breaker a call to {@code model} goes through. */
  public CircuitBreaker breaker(String model) {
    // Model names come from clients (pass-through): only the models configs and settings name get their own
    // breaker (as their own metric label), the others share "<provider>/other"; MAX_MODEL_BREAKERS backs that up.
    String name = policy.breaker().perModel() ? provider + "/" + labels.get().upstream(provider, model) : provider;
    if (breakers.size() >= MAX_MODEL_BREAKERS && !breakers.containsKey(name)) name = provider + "/" + ModelLabels.OTHER;
    return breakers.computeIfAbsent(name, n -> {
      CircuitBreaker cb = CircuitBreaker.of(n, breakerConfig);
      cb.getEventPublisher().onStateTransition(e -> {
        if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) openedAt.put(n, System.currentTimeMillis());
        events.breakerTransition(n, e.getStateTransition().getFromState().name(),
            e.getStateTransition().getToState().name());
      });
      events.breakerCreated(n); // alerts need the state series before the first transition
      onBreaker.accept(cb);
      return cb;
    });
  }

  /**
   * One logical call to {@code model}, retried as the policy says. {@code sink} is null for a non-streaming call;
   * for a stream it receives the tokens, and once one has reached it a failure is final (no retry could take the
   * text back). {@code tokens} is the tpm estimate; {@code usedTokens} the real count from a result (-1 = unknown).
   */
  public <T> Future<T> call(String model, CallContext ctx, long tokens, Consumer<String> sink, Attempt<T> attempt,
      ToLongFunction<T> usedTokens) {
    return new GuardedCall<>(this, model, ctx, tokens, attempt, usedTokens).start(sink);
  }

  Vertx vertx() { return vertx; }

  GatewayEvents events() { return events; }

  Retry retry() { return retry; }

  /** Counts one upstream attempt of this provider. */
  void attempted() { attempts.incrementAndGet(); }

  /** Counts one retry of this provider's calls. */
  void retried() { retries.incrementAndGet(); }

  /** One more ({@code +1}) or one fewer ({@code -1}) call waiting for its rate-limit reservation's time. */
  void waitingFor(int delta) { waiting.addAndGet(delta); }
}

package ai.archon.gateway.resilience;

import ai.archon.gateway.config.ProviderPolicy;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.ModelLabels;
import ai.archon.gateway.observe.Outcomes;
import ai.archon.gateway.observe.Spans;
import ai.archon.gateway.model.CallContext;
import static ai.archon.gateway.model.Futures.safely;

import ai.archon.gateway.model.IdleWatchdog;
import ai.archon.gateway.model.Relay;
import ai.archon.gateway.model.UpstreamException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.opentelemetry.context.Context;
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
    Retry.AsyncContext<T> rc = retry.asyncContext();
    // The caller's relay when it passes one, so the guard and the pipeline's fallbacks read the same "a token left".
    Relay relay = Relay.of(sink);
    int[] tries = {0}; // numbers the attempts of this call on their spans
    GuardedCall<T> c = new GuardedCall<>(model, ctx, tokens, relay, attempt, usedTokens);
    return retrying(rc, model, ctx, relay, null, () -> limited(c, ++tries[0]));
  }

  /** {@code earlier} is the previous attempt's upstream failure, reported if a retry is then refused by us. */
  private <T> Future<T> retrying(Retry.AsyncContext<T> rc, String model, CallContext ctx, Relay relay,
      Throwable earlier, Supplier<Future<T>> once) {
    long began = System.nanoTime();
    return safely(once).transform(ar -> {
      if (ar.succeeded()) {
        rc.onComplete();
        return Future.succeededFuture(ar.result());
      }
      if (earlier != null && Failures.ours(ar.cause())) return Future.failedFuture(earlier);
      if (Relay.started(relay) || ctx.cancelled()) return Future.failedFuture(ar.cause());
      long delayMs = rc.onError(ar.cause());
      if (delayMs < 0) return Future.failedFuture(ar.cause());
      // The caller (a layer cutting stragglers) stops waiting at its cut point: a retry that, after its backoff,
      // has less time left than the failed attempt took would only be cut too, so it does not start.
      if (ctx.nanosToCut() - delayMs * 1_000_000L < System.nanoTime() - began) return Future.failedFuture(ar.cause());
      retries.incrementAndGet();
      ctx.retried();
      events.upstreamRetry(provider, model, delayMs);
      Spans.retrying(ctx.trace(), delayMs, Outcomes.status(ar.cause()), Outcomes.of(ar.cause()));
      return vertx.timer(Math.max(1, delayMs)).compose(t -> ctx.cancelled()
          ? Future.failedFuture(ar.cause())
          : retrying(rc, model, ctx, relay, ar.cause(), once));
    });
  }

  /** Rate limits (rpm/tpm reservation, then a concurrency slot), sharing one max_queue_ms budget. */
  private <T> Future<T> limited(GuardedCall<T> c, int number) {
    long queueMs = policy.rateLimit().maxQueueMs();
    long queuedAt = System.nanoTime();
    Future<Limiter.Reservation> reservation = limiter.reserve(c.tokens(), queueMs);
    // The common case, a request that may go now with a slot free: straight on, without the three future stages
    // below, which every call in flight would otherwise hold and every reply complete in turn.
    if (reservation.succeeded() && reservation.result().waitMs() <= 0 && gate.tryAcquire()) {
      return admitted(c, number, reservation.result(), queuedAt);
    }
    return reservation.transform(reserved -> {
      if (reserved.failed()) return rejected(c.model(), c.ctx(), reserved.cause());
      Limiter.Reservation r = reserved.result();
      long waitMs = r.waitMs();
      Future<Void> ready = Future.succeededFuture();
      if (waitMs > 0) {
        events.rateLimitWait("provider", provider, waitMs * 1_000_000L);
        waiting.incrementAndGet();
        ready = vertx.timer(waitMs).<Void>mapEmpty().andThen(t -> waiting.decrementAndGet());
      }
      return ready.compose(v -> gate.acquire(queueMs - (System.nanoTime() - queuedAt) / 1_000_000L)).transform(slot -> {
        if (slot.failed()) {
          r.cancel();
          return rejected(c.model(), c.ctx(), slot.cause());
        }
        return admitted(c, number, r, queuedAt);
      });
    });
  }

  /** The call holds its reservation {@code r} and a concurrency slot: it goes through the breaker unless cancelled. */
  private <T> Future<T> admitted(GuardedCall<T> c, int number, Limiter.Reservation r, long queuedAt) {
    if (c.ctx().cancelled()) {
      gate.release();
      r.cancel();
      return Future.failedFuture(new java.util.concurrent.CancellationException("request cancelled"));
    }
    if (c.ctx().trace() != null) Spans.waited(c.ctx().trace(), (System.nanoTime() - queuedAt) / 1_000_000L);
    return guarded(c.model(), c.ctx(), c.relay(), c.attempt(), number).andThen(done -> {
      gate.release();
      if (done.succeeded()) {
        long used = c.usedTokens().applyAsLong(done.result());
        if (used >= 0) r.settle(used);
      } else if (done.cause() instanceof CallNotPermittedException) {
        r.cancel(); // no request went out
      }
    });
  }

  private <T> Future<T> rejected(String model, CallContext ctx, Throwable cause) {
    if (cause instanceof RateLimitedException) events.rateLimitRejected("provider", provider);
    events.upstreamAttempt(provider, model, "rejected", 0, 0);
    Spans.rejected(ctx.trace(), provider, cause instanceof CallNotPermittedException ? "breaker_open"
        : cause instanceof RateLimitedException ? "rate_limited" : "unavailable");
    return Future.failedFuture(cause);
  }

  private <T> Future<T> guarded(String model, CallContext ctx, Relay relay, Attempt<T> attempt, int number) {
    CircuitBreaker breaker = breaker(model);
    if (!breaker.tryAcquirePermission()) {
      return rejected(model, ctx, CallNotPermittedException.createCallNotPermittedException(breaker));
    }
    long start = breaker.getCurrentTimestamp();
    return timed(model, ctx, relay, attempt, number).andThen(ar -> {
      long took = breaker.getCurrentTimestamp() - start;
      if (ar.succeeded()) breaker.onResult(took, breaker.getTimestampUnit(), ar.result());
      else breaker.onError(took, breaker.getTimestampUnit(), ar.cause());
    });
  }

  /**
   * One HTTP attempt on its own cancellable context, under timeout_ms and stream_idle_timeout_ms; traced, it has its
   * own span, which the attempt's context carries so that the upstream request is sent as its child.
   */
  private <T> Future<T> timed(String model, CallContext ctx, Relay relay, Attempt<T> attempt, int number) {
    attempts.incrementAndGet();
    ctx.attempted();
    CallContext own = ctx.attempt();
    Context span = Spans.attempt(ctx.trace(), provider, model, number);
    if (span != null) own.trace(span);
    Runnable forget = ctx.onCancel(own::cancel);
    long idleMs = relay == null ? 0 : policy.streamIdleTimeoutMs();
    // timeout_ms until the first byte (a streamed token, or the whole reply of a non-streaming call), then
    // stream_idle_timeout_ms between tokens; either cancels the attempt's own context, which resets the request.
    // A client that is not reading pauses the stream (back-pressure): that silence is the client's, not the upstream's.
    IdleWatchdog timer = new IdleWatchdog(vertx, policy.timeoutMs(), idleMs, own::cancel).pausedWhile(() -> own.outlet().full());
    Consumer<String> tokens = relay == null ? null : text -> {
      timer.touch();
      relay.accept(text);
    };
    long start = System.nanoTime();
    timer.start();
    return safely(() -> attempt.run(own, tokens)).transform(ar -> {
      timer.stop();
      forget.run();
      Throwable cause = ar.failed() && timer.fired() && !ctx.cancelled()
          ? new UpstreamException(provider, 0, "timeout", true, provider + " (" + model + ") sent " + silence(timer, idleMs))
          : ar.cause();
      String outcome = ar.failed() && timer.fired() && !ctx.cancelled() ? "timeout" : Outcomes.of(cause);
      events.upstreamAttempt(provider, model, outcome, Outcomes.status(cause), System.nanoTime() - start);
      Spans.endAttempt(span, outcome, Outcomes.status(cause), cause);
      return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(cause);
    });
  }

  /** Which limit cut the attempt, for the failure message. */
  private String silence(IdleWatchdog timer, long idleMs) {
    return timer.touched() ? "no token for " + idleMs + " ms (stream_idle_timeout_ms)"
        : "no first byte within " + policy.timeoutMs() + " ms (timeout_ms)";
  }
}

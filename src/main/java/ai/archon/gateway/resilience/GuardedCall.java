package ai.archon.gateway.resilience;

import static ai.archon.gateway.model.Futures.safely;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.IdleWatchdog;
import ai.archon.gateway.model.Relay;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.observe.Outcomes;
import ai.archon.gateway.observe.Spans;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.opentelemetry.context.Context;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * One logical call as its {@link Guard} carries it: per attempt the rate limits, the breaker and the HTTP attempt
 * under its timeouts, then the retry decision, until one attempt succeeds or the failure is final.
 *
 * <p>One object with one pending future per call, because every call in flight holds what its stages hold: as a
 * chain of future stages (retry → limits → breaker → timeout, each a transformation with its promise and the lambda
 * it keeps) the guard held about ten objects per call, which every young collection copied while the call was in
 * flight (docs/performance.md, "Round 15" and "Round 21"). Here the attempt's future has this object as its only
 * listener (as a {@link Completable}, which Vert.x keeps without a wrapper), and the stages are steps of
 * {@link #complete}. Used from the call's event loop.
 *
 * <p>{@code tokens} is the tpm estimate reserved up front; {@code usedTokens} reads the real count from a result.
 */
final class GuardedCall<T> implements Completable<T> {
  private final Guard guard;
  private final String model;
  private final CallContext ctx;
  private final long tokens;
  private Relay relay;
  private final Guard.Attempt<T> attempt;
  private final ToLongFunction<T> usedTokens;
  private final Promise<T> result = Promise.promise();
  /** Made at the first failure: a call whose first attempt succeeds needs no retry state. */
  private Retry.AsyncContext<T> retries;
  /** The previous attempt's upstream failure, reported if a retry is then refused by us. */
  private Throwable earlier;
  private int number; // numbers the attempts of this call on their spans
  private long began; // when this attempt's turn started: its queueing and the cut point's check count from here
  // the attempt in flight
  private Limiter.Reservation reservation;
  private CircuitBreaker breaker;
  private long breakerStart;
  private IdleWatchdog timer;
  private Runnable forget;
  private Context span;
  private long start;

  GuardedCall(Guard guard, String model, CallContext ctx, long tokens, Guard.Attempt<T> attempt,
      ToLongFunction<T> usedTokens) {
    this.guard = guard;
    this.model = model;
    this.ctx = ctx;
    this.tokens = tokens;
    this.attempt = attempt;
    this.usedTokens = usedTokens;
  }

  /**
   * Starts the call; {@code sink} is null for a non-streaming call, else it takes the tokens (as the caller's relay
   * when it passes one, so that the guard and the pipeline's fallbacks read the same "a token left").
   */
  Future<T> start(Consumer<String> sink) {
    relay = Relay.of(sink);
    next();
    return result.future();
  }

  /** One attempt: rate limits (rpm/tpm reservation, then a concurrency slot) sharing one max_queue_ms budget. */
  private void next() {
    number++;
    began = System.nanoTime();
    try {
      long queueMs = guard.policy().rateLimit().maxQueueMs();
      Future<Limiter.Reservation> reserved = guard.limiter().reserve(tokens, queueMs);
      // The common case, a request that may go now with a slot free: straight on, without future stages.
      if (reserved.succeeded() && reserved.result().waitMs() <= 0 && guard.gate().tryAcquire()) {
        admitted(reserved.result());
      } else {
        queued(reserved, queueMs);
      }
    } catch (RuntimeException e) { // a bug in a limiter must fail this call, not escape into the event loop
      failed(e);
    }
  }

  /** Waits for the reservation's time and then a concurrency slot, within what is left of max_queue_ms. */
  private void queued(Future<Limiter.Reservation> reservation, long queueMs) {
    reservation.onComplete(reserved -> {
      if (reserved.failed()) {
        rejected(reserved.cause());
        return;
      }
      Limiter.Reservation r = reserved.result();
      long waitMs = r.waitMs();
      Future<Void> ready = Future.succeededFuture();
      if (waitMs > 0) {
        guard.events().rateLimitWait("provider", guard.provider(), waitMs * 1_000_000L);
        guard.waitingFor(1);
        ready = guard.vertx().timer(waitMs).<Void>mapEmpty().andThen(t -> guard.waitingFor(-1));
      }
      ready.compose(v -> guard.gate().acquire(queueMs - (System.nanoTime() - began) / 1_000_000L)).onComplete(slot -> {
        if (slot.failed()) {
          r.cancel();
          rejected(slot.cause());
        } else {
          admitted(r);
        }
      });
    });
  }

  /** The attempt holds its reservation and a concurrency slot: it goes through the breaker unless cancelled. */
  private void admitted(Limiter.Reservation r) {
    if (ctx.cancelled()) {
      giveBack(r);
      failed(new CancellationException("request cancelled"));
      return;
    }
    if (ctx.trace() != null) Spans.waited(ctx.trace(), (System.nanoTime() - began) / 1_000_000L);
    CircuitBreaker b = guard.breaker(model);
    if (!b.tryAcquirePermission()) {
      giveBack(r);
      rejected(CallNotPermittedException.createCallNotPermittedException(b));
      return;
    }
    reservation = r;
    breaker = b;
    breakerStart = b.getCurrentTimestamp();
    timed();
  }

  /** No request went out: the concurrency slot and the reservation are given back. */
  private void giveBack(Limiter.Reservation r) {
    guard.gate().release();
    r.cancel();
  }

  /**
   * The HTTP attempt on its own cancellable context, under timeout_ms and stream_idle_timeout_ms; traced, it has its
   * own span, which the attempt's context carries so that the upstream request is sent as its child.
   */
  private void timed() {
    guard.attempted();
    ctx.attempted();
    CallContext own = ctx.attempt();
    span = Spans.attempt(ctx.trace(), guard.provider(), model, number);
    if (span != null) own.trace(span);
    Runnable cancel = own::cancel;
    forget = ctx.onCancel(cancel);
    // timeout_ms until the first byte (a streamed token, or the whole reply of a non-streaming call), then
    // stream_idle_timeout_ms between tokens; either cancels the attempt's own context, which resets the request.
    // A client that is not reading pauses the stream (back-pressure): that silence is the client's, not the upstream's.
    // Only a stream has tokens to watch between, and a reader whose pace can pause them.
    long idleMs = relay == null ? 0 : guard.policy().streamIdleTimeoutMs();
    IdleWatchdog t = new IdleWatchdog(guard.vertx(), guard.policy().timeoutMs(), idleMs, cancel);
    if (relay != null) t.pausedWhile(() -> own.outlet().full());
    timer = t;
    Consumer<String> sink = relay == null ? null : text -> {
      t.touch();
      relay.accept(text);
    };
    start = System.nanoTime();
    t.start();
    safely(() -> attempt.run(own, sink)).onComplete(this);
  }

  /** The attempt ended: its timers, metrics, span, breaker and limits are settled, then the call succeeds or retries. */
  @Override
  public void complete(T value, Throwable failure) {
    IdleWatchdog t = timer;
    t.stop();
    forget.run();
    timer = null;
    forget = null;
    boolean timedOut = failure != null && t.fired() && !ctx.cancelled();
    Throwable cause = timedOut
        ? new UpstreamException(guard.provider(), 0, "timeout", true,
            guard.provider() + " (" + model + ") sent " + silence(t))
        : failure;
    String outcome = timedOut ? "timeout" : Outcomes.of(cause);
    guard.events().upstreamAttempt(guard.provider(), model, outcome, Outcomes.status(cause), System.nanoTime() - start);
    Spans.endAttempt(span, outcome, Outcomes.status(cause), cause);
    span = null;
    long took = breaker.getCurrentTimestamp() - breakerStart;
    if (cause == null) breaker.onResult(took, breaker.getTimestampUnit(), value);
    else breaker.onError(took, breaker.getTimestampUnit(), cause);
    breaker = null;
    guard.gate().release();
    Limiter.Reservation r = reservation;
    reservation = null;
    if (cause == null) {
      long used = usedTokens.applyAsLong(value);
      if (used >= 0) r.settle(used);
      if (retries != null) retries.onComplete();
      result.tryComplete(value);
    } else {
      failed(cause);
    }
  }

  /** Refused by a limit or the breaker: counted as a rejected attempt, then as any failure. */
  private void rejected(Throwable cause) {
    if (cause instanceof RateLimitedException) guard.events().rateLimitRejected("provider", guard.provider());
    guard.events().upstreamAttempt(guard.provider(), model, "rejected", 0, 0);
    Spans.rejected(ctx.trace(), guard.provider(), cause instanceof CallNotPermittedException ? "breaker_open"
        : cause instanceof RateLimitedException ? "rate_limited" : "unavailable");
    failed(cause);
  }

  /** An attempt failed: retried with backoff when the policy allows and there is time, else the call fails. */
  private void failed(Throwable cause) {
    if (earlier != null && Failures.ours(cause)) {
      result.tryFail(earlier);
      return;
    }
    if (Relay.started(relay) || ctx.cancelled()) {
      result.tryFail(cause);
      return;
    }
    if (retries == null) retries = guard.retry().asyncContext();
    long delayMs = retries.onError(cause);
    // The caller (a layer cutting stragglers) stops waiting at its cut point: a retry that, after its backoff, has
    // less time left than the failed attempt took would only be cut too, so it does not start.
    if (delayMs < 0 || ctx.nanosToCut() - delayMs * 1_000_000L < System.nanoTime() - began) {
      result.tryFail(cause);
      return;
    }
    guard.retried();
    ctx.retried();
    guard.events().upstreamRetry(guard.provider(), model, delayMs);
    Spans.retrying(ctx.trace(), delayMs, Outcomes.status(cause), Outcomes.of(cause));
    guard.vertx().timer(Math.max(1, delayMs)).onComplete(fired -> {
      if (fired.failed() || ctx.cancelled()) {
        result.tryFail(cause);
      } else {
        earlier = cause;
        next();
      }
    });
  }

  /** Which limit cut the attempt, for the failure message. */
  private String silence(IdleWatchdog t) {
    return t.touched() ? "no token for " + guard.policy().streamIdleTimeoutMs() + " ms (stream_idle_timeout_ms)"
        : "no first byte within " + guard.policy().timeoutMs() + " ms (timeout_ms)";
  }
}

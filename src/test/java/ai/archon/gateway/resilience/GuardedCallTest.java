package ai.archon.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderPolicy;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.observe.GatewayEvents;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's per-call steps (limits, breaker, attempt, retry) as one object: what each attempt gives back (its
 * concurrency slot, its reservation), which failures are retried, and that nothing a step throws leaves a call
 * pending. The HTTP side is covered end to end by {@link ResilienceEndToEndTest}; here the attempts are scripted.
 */
class GuardedCallTest {
  private static final ProviderPolicy.Retry FAST_RETRY = new ProviderPolicy.Retry(3, 1, 5, 60_000);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Guard guard(ProviderPolicy.Breaker breaker, int maxConcurrency, Limiter limiter) {
    ProviderPolicy policy = new ProviderPolicy(5_000, 1_000, FAST_RETRY, breaker,
        new ProviderPolicy.RateLimit(0, 0, maxConcurrency, 0));
    return new Guard(vertx, "P", policy, limiter, GatewayEvents.NONE);
  }

  private Guard guard() {
    return guard(ProviderPolicy.Breaker.DEFAULT, 4, new LocalLimiter("provider", "P", 0, 0));
  }

  /** Runs {@code call} on an event loop and waits for its outcome (value, or the failure itself). */
  private Object outcome(Supplier<Future<String>> call) throws Exception {
    CompletableFuture<Object> done = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete((value, failure) -> done.complete(failure == null ? value : failure)));
    return done.get(10, TimeUnit.SECONDS);
  }

  private static UpstreamException status(int status) {
    return new UpstreamException("P", status, "upstream_error", status >= 500, "P answered " + status);
  }

  /** An attempt that counts its runs in {@code runs} and fails each with {@code failure}. */
  private static Guard.Attempt<String> failing(AtomicInteger runs, Throwable failure) {
    return (c, sink) -> {
      runs.incrementAndGet();
      return Future.failedFuture(failure);
    };
  }

  @Test
  void retryableFailuresAreRetriedUntilOneAttemptSucceeds() throws Exception {
    Guard g = guard();
    AtomicInteger runs = new AtomicInteger();
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, null,
        (c, sink) -> runs.incrementAndGet() < 3 ? Future.failedFuture(status(503)) : Future.succeededFuture("ok"),
        v -> -1L));
    assertEquals("ok", out);
    assertEquals(3, runs.get());
    assertEquals(3, g.attempts());
    assertEquals(2, g.retries());
    assertEquals(0, g.gate().inFlight(), "every attempt gave its concurrency slot back");
  }

  @Test
  void aNonRetryableFailureIsFinalAtOnce() throws Exception {
    Guard g = guard();
    AtomicInteger runs = new AtomicInteger();
    UpstreamException badRequest = status(400);
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, null, failing(runs, badRequest), v -> -1L));
    assertSame(badRequest, out);
    assertEquals(1, runs.get());
    assertEquals(0, g.retries());
    assertEquals(0, g.gate().inFlight());
  }

  @Test
  void aStreamThatRelayedATokenIsNotRetried() throws Exception {
    Guard g = guard();
    AtomicInteger runs = new AtomicInteger();
    List<String> seen = new ArrayList<>();
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, seen::add, (c, sink) -> {
      runs.incrementAndGet();
      sink.accept("Hel");
      return Future.failedFuture(status(502));
    }, v -> -1L));
    assertInstanceOf(UpstreamException.class, out);
    assertEquals(1, runs.get(), "the client holds part of the answer: no retry may start it over");
    assertEquals(List.of("Hel"), seen);
  }

  @Test
  void anAttemptThatThrowsFailsTheCallAndGivesItsSlotBack() throws Exception {
    Guard g = guard();
    IllegalStateException bug = new IllegalStateException("adapter bug");
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, null, (c, sink) -> {
      throw bug;
    }, v -> -1L));
    assertSame(bug, out);
    assertEquals(0, g.gate().inFlight());
  }

  @Test
  void aLimiterThatThrowsFailsTheCallInsteadOfLeavingItPending() throws Exception {
    IllegalStateException bug = new IllegalStateException("limiter bug");
    Limiter broken = new Limiter() {
      @Override public Future<Reservation> reserve(long tokens, long maxWaitMs) { throw bug; }
      @Override public Usage usage() { return new Usage(0, 0, 0); }
    };
    Guard g = guard(ProviderPolicy.Breaker.DEFAULT, 4, broken);
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, null,
        (c, sink) -> Future.succeededFuture("never"), v -> -1L));
    assertSame(bug, out);
  }

  @Test
  void theReservationIsSettledWithTheTokensTheReplyReported() throws Exception {
    LocalLimiter limiter = new LocalLimiter("provider", "P", 0, 1_000_000);
    Guard g = guard(ProviderPolicy.Breaker.DEFAULT, 4, limiter);
    outcome(() -> g.call("m", new CallContext("r"), 500, null, (c, sink) -> Future.succeededFuture("ok"), v -> 42L));
    assertEquals(42, limiter.usage().tokens(), "the estimate of 500 was replaced by the reported 42");
  }

  @Test
  void anOpenBreakerRefusesWithoutAnAttemptAndAfterAnUpstreamFailureReportsThatFailure() throws Exception {
    // opens after 2 calls when half of them failed
    ProviderPolicy.Breaker touchy = new ProviderPolicy.Breaker("provider", 2, 2, 50f, 60_000, 1);
    Guard g = guard(touchy, 4, new LocalLimiter("provider", "P", 0, 0));
    AtomicInteger runs = new AtomicInteger();
    UpstreamException down = status(500);
    Object out = outcome(() -> g.call("m", new CallContext("r"), 10, null, failing(runs, down), v -> -1L));
    assertSame(down, out, "the retry the open breaker refused reports the upstream's failure, not the refusal");
    assertEquals(2, runs.get(), "two attempts opened the breaker; the third was refused before it went out");
    Object refused = outcome(() -> g.call("m", new CallContext("r2"), 10, null, (c, sink) -> {
      runs.incrementAndGet();
      return Future.succeededFuture("ok");
    }, v -> -1L));
    assertInstanceOf(CallNotPermittedException.class, refused);
    assertEquals(2, runs.get());
    assertEquals(0, g.gate().inFlight());
  }

  @Test
  void aCancelledCallIsNotRetriedAndResetsItsAttempt() throws Exception {
    Guard g = guard();
    CallContext ctx = new CallContext("r");
    AtomicInteger runs = new AtomicInteger();
    List<Boolean> attemptCancelled = new ArrayList<>();
    Object out = outcome(() -> g.call("m", ctx, 10, null, (c, sink) -> {
      runs.incrementAndGet();
      Promise<String> p = Promise.promise();
      c.onCancel(() -> {
        attemptCancelled.add(true);
        p.tryFail(status(0));
      });
      vertx.setTimer(20, id -> ctx.cancel());
      return p.future();
    }, v -> -1L));
    assertInstanceOf(UpstreamException.class, out);
    assertEquals(1, runs.get());
    assertEquals(List.of(true), attemptCancelled, "cancelling the request cancelled the attempt's own context");
    assertTrue(ctx.cancelled());
    assertEquals(0, g.gate().inFlight());
  }
}

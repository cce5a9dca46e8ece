package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.CoarseTimer;
import ai.archon.gateway.model.CoarseTimer.Timeout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeoutException;

/**
 * The per-request deadline: {@code defaults.request_timeout_ms}, or the smaller {@code x-archon-timeout-ms} header.
 * When it passes, every call of the request is cancelled (resetting the upstream requests) and the work bounded by
 * {@link #bound} fails with a {@link TimeoutException} (answered 504). Created on the request's event loop; the
 * timer is a {@link CoarseTimer} (up to a tick late).
 */
public final class Deadline {
  public static final String HEADER = "x-archon-timeout-ms";
  private final long millis;
  private final Promise<Void> expired = Promise.promise();
  private final Timeout timer;

  private Deadline(Vertx vertx, CallContext call, long millis) {
    this.millis = millis;
    this.timer = CoarseTimer.schedule(vertx, millis, () -> {
      expired.tryComplete();
      call.cancel();
    });
  }

  public static Deadline start(Vertx vertx, CallContext call, long millis) {
    return new Deadline(vertx, call, millis);
  }

  /** The effective timeout: the settings' unless the header asks for less; null header = settings. */
  public static long millis(long settingsMs, String header) {
    if (header == null || header.isBlank()) return settingsMs;
    long asked = Long.parseLong(header.trim()); // callers validate
    return asked > 0 ? Math.min(settingsMs, asked) : settingsMs;
  }

  public long millis() { return millis; }

  /** {@code work}'s outcome, or a {@link TimeoutException} if the deadline passes first. */
  public <T> Future<T> bound(Future<T> work) {
    Promise<T> p = Promise.promise();
    // Two-argument listeners: Vert.x keeps a Completable as it is, where a pair of handlers (or onSuccess) is first
    // wrapped in one, an object more per request for as long as it runs.
    work.onComplete((value, failure) -> {
      if (failure == null) p.tryComplete(value);
      else p.tryFail(failure);
    });
    expired.future().onComplete((v, failure) -> p.tryFail(new TimeoutException("request timed out after " + millis
        + " ms (request_timeout_ms / " + HEADER + "); every upstream call was cancelled")));
    return p.future();
  }

  /** The request is over: the timer is no longer needed. */
  public void stop(Vertx vertx) {
    timer.cancel();
  }
}

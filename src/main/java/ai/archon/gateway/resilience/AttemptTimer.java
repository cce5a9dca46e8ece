package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.CoarseTimer;
import io.netty.util.Timeout;
import io.vertx.core.Vertx;

/**
 * Times one upstream attempt: {@code timeout_ms} until its first byte (a streamed token, or the whole reply of a
 * non-streaming call), then {@code stream_idle_timeout_ms} between tokens. When either passes it cancels the
 * attempt's own {@link CallContext}, which resets the upstream request. Re-armed lazily, so a token costs no timer
 * work. Used from the attempt's event loop; the timeouts are {@link CoarseTimer}s (up to a tick late).
 */
final class AttemptTimer {
  private final Vertx vertx;
  private final CallContext attempt;
  private final long firstByteMs;
  private final long idleMs;
  private volatile long lastByte;
  private volatile boolean seenByte;
  private volatile boolean fired;
  private volatile boolean stopped;
  private volatile Timeout timer;

  AttemptTimer(Vertx vertx, CallContext attempt, long firstByteMs, long idleMs) {
    this.vertx = vertx;
    this.attempt = attempt;
    this.firstByteMs = firstByteMs;
    this.idleMs = idleMs;
  }

  void start() {
    timer = CoarseTimer.schedule(vertx, firstByteMs, () -> {
      if (!stopped && !seenByte) fire();
    });
  }

  /** A token arrived. */
  void touch() {
    lastByte = System.currentTimeMillis();
    if (seenByte) return;
    seenByte = true;
    timer.cancel();
    if (idleMs > 0 && !stopped) timer = CoarseTimer.schedule(vertx, idleMs, this::checkIdle);
  }

  private void checkIdle() {
    if (stopped) return;
    // A client that is not reading pauses the stream (back-pressure): that silence is the client's, not the upstream's.
    if (attempt.outlet().full()) lastByte = System.currentTimeMillis();
    long quiet = System.currentTimeMillis() - lastByte;
    if (quiet >= idleMs) fire();
    else timer = CoarseTimer.schedule(vertx, idleMs - quiet, this::checkIdle);
  }

  private void fire() {
    fired = true;
    attempt.cancel();
  }

  /** True when the attempt was cut by a timeout (not by its caller). */
  boolean fired() { return fired; }

  /** Which limit cut the attempt, for the failure message. */
  String what() {
    return seenByte ? "no token for " + idleMs + " ms (stream_idle_timeout_ms)"
        : "no first byte within " + firstByteMs + " ms (timeout_ms)";
  }

  void stop() {
    stopped = true;
    if (timer != null) timer.cancel();
  }
}

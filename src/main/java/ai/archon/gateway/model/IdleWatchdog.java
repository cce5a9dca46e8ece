package ai.archon.gateway.model;

import io.vertx.core.Vertx;

/**
 * Watches one exchange for silence: {@code firstMs} from {@link #start()} until the first {@link #touch()}, then
 * {@code idleMs} between touches (no limit after the first touch when {@code idleMs <= 0}). When a limit passes it
 * runs {@code onSilence} once. Shared by the upstream HTTP exchange (silence before the head and between body chunks)
 * and the guard's attempt timer (first byte, then tokens).
 *
 * <p>Re-armed lazily: a touch only notes the time, and the check that falls due looks at how long it has really been
 * quiet and arms itself again for the rest, so a chunk or token costs no timer work. Only the first touch may re-arm,
 * when the idle limit falls due before the first one. Used from the exchange's event loop; the checks run on
 * {@link CoarseTimer} (up to a tick late).
 */
public final class IdleWatchdog {
  private final Vertx vertx;
  private final long firstMs;
  private final long idleMs;
  private final Runnable onSilence;
  private volatile long started;
  private volatile long last;
  private volatile boolean touched;
  private volatile boolean fired;
  private volatile boolean stopped;
  private volatile CoarseTimer.Timeout timer;
  private volatile java.util.function.BooleanSupplier paused = () -> false;

  public IdleWatchdog(Vertx vertx, long firstMs, long idleMs, Runnable onSilence) {
    this.vertx = vertx;
    this.firstMs = firstMs;
    this.idleMs = idleMs;
    this.onSilence = onSilence;
  }

  /**
   * Silence while {@code paused} is true does not count (e.g. the gateway itself stopped reading because the client
   * is not reading: that quiet is the client's, not the upstream's).
   */
  public IdleWatchdog pausedWhile(java.util.function.BooleanSupplier paused) {
    this.paused = paused;
    return this;
  }

  /** Starts counting the first silence from now. */
  public void start() {
    started = System.currentTimeMillis();
    last = started;
    timer = CoarseTimer.schedule(vertx, firstMs, this::check);
  }

  /** Data arrived. */
  public void touch() {
    long now = System.currentTimeMillis();
    last = now;
    if (touched) return;
    touched = true;
    CoarseTimer.Timeout t = timer;
    if (stopped || t == null) return;
    if (idleMs <= 0) {
      t.cancel();
    } else if (now + idleMs < started + firstMs) {
      t.cancel();
      timer = CoarseTimer.schedule(vertx, idleMs, this::check);
    }
  }

  private void check() {
    if (stopped) return;
    if (touched) {
      if (idleMs <= 0) return; // no limit once data came
      if (paused.getAsBoolean()) last = System.currentTimeMillis();
      long quiet = System.currentTimeMillis() - last;
      if (quiet < idleMs) {
        timer = CoarseTimer.schedule(vertx, idleMs - quiet, this::check);
        return;
      }
    }
    timer = null;
    fired = true;
    onSilence.run();
  }

  /** True once a silence ran {@code onSilence}. */
  public boolean fired() { return fired; }

  /** True once data arrived: the limit that applies (or fired) is {@code idleMs}, not {@code firstMs}. */
  public boolean touched() { return touched; }

  /** Stops watching; {@code onSilence} does not run after this. */
  public void stop() {
    stopped = true;
    CoarseTimer.Timeout t = timer;
    if (t != null) t.cancel();
    timer = null;
  }
}

package ai.archon.gateway.provider;

/**
 * How fast one relayed stream may be read before it yields the event loop: {@value #BURST_BYTES} bytes within
 * {@link #WINDOW_NANOS} (8 MiB/s, tens of times what a model streams), then a pause of a window.
 *
 * <p>Why: Netty's io_uring loop keeps processing completions (up to 128 rounds) as long as they keep arriving, and
 * runs its task queue only after; a newly accepted connection reaches its loop as such a task. With 120 streams whose
 * provider sent at full speed (bench/abuse.py phase 5) a pass lasted 100-900 ms, and a {@code /health} probe on a new
 * connection waited for it (docs/resilience.md, "Round 13"). A paused stream's reads stop once Vert.x has queued a few
 * of its chunks, so the pass ends and the tasks run. Not thread-safe: one per exchange, used on its event loop.
 */
final class RelayPace {
  static final int BURST_BYTES = 8 * 1024;
  static final long WINDOW_NANOS = 1_000_000;
  /** How long a stream that spent its window stays paused. */
  static final long PAUSE_MS = 1;
  private long windowStart;
  private int bytes;

  /**
   * Counts {@code taken} bytes read at {@code nowNanos} ({@link System#nanoTime}); true when they pass this window's
   * share, and the stream should pause. A window starts with the first bytes after the last one ended.
   */
  boolean spent(long nowNanos, int taken) {
    if (bytes == 0 || nowNanos - windowStart > WINDOW_NANOS) {
      windowStart = nowNanos;
      bytes = 0;
    }
    bytes += taken;
    return bytes > BURST_BYTES;
  }

  /** After a pause: the next bytes start a new window. */
  void restart() {
    bytes = 0;
  }
}

package ai.archon.gateway.resilience;

import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): before retry n
 * (1-based) wait a uniform random time in [0, min(max, initial × 2^(n-1))], but never less than the upstream's
 * Retry-After.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final LongUnaryOperator random; // bound → value in [0, bound]

  Backoff(long initialMs, long maxMs, LongUnaryOperator random) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The exponential cap for retry {@code n} (1-based). */
  long cap(int n) {
    long cap = initialMs;
    for (int i = 1; i < n && cap < maxMs; i++) cap *= 2;
    return Math.min(cap, maxMs);
  }

  /** The wait before retry {@code n}; {@code retryAfterMs} (or -1) is a floor. */
  long delay(int n, long retryAfterMs) {
    long jittered = random.applyAsLong(cap(n));
    return Math.max(jittered, retryAfterMs);
  }
}

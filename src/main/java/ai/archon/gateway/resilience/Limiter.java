package ai.archon.gateway.resilience;

import io.vertx.core.Future;

/**
 * Requests-per-minute and tokens-per-minute accounting for one provider or client key. The local implementation
 * counts in this process; a shared one (Redis) can implement the same contract for many replicas.
 */
public interface Limiter {

  /**
   * Reserves one request costing {@code tokens}. Completes with the reservation, whose {@link Reservation#waitMs()}
   * says how long the caller must wait before sending; fails with {@link RateLimitedException} (nothing reserved)
   * when that wait would exceed {@code maxWaitMs}.
   */
  Future<Reservation> reserve(long tokens, long maxWaitMs);

  /** Requests and tokens counted in the current window, for the admin view and rate-limit headers. */
  Usage usage();

  /** What the current window holds, and when its oldest entry leaves it. */
  record Usage(long requests, long tokens, long resetMs) { }

  /** One reserved request. */
  interface Reservation {
    long waitMs();

    /** Replaces the estimated tokens with what the provider reported. */
    void settle(long actualTokens);

    /** Gives the reservation back (no request was made). */
    void cancel();
  }
}

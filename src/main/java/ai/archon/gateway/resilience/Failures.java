package ai.archon.gateway.resilience;

import ai.archon.gateway.model.UpstreamException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** Which upstream failures are retried and which count against a provider's circuit breaker. */
public final class Failures {
  /** Statuses worth another attempt: timeouts, throttling and server-side trouble (529 = Anthropic overloaded). */
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504, 529);

  private Failures() { }

  /** Connection errors, timeouts, 408, 429, 500, 502, 503, 504, 529; never other 4xx, our own refusals or cancels. */
  public static boolean retryable(Throwable t) {
    if (t instanceof TimeoutException) return true;
    if (!(t instanceof UpstreamException)) return false;
    UpstreamException e = (UpstreamException) t;
    if (cancelled(e)) return false;
    if (e.status() == 0) return true;
    return RETRYABLE_STATUSES.contains(e.status());
  }

  /** 5xx, timeouts and connection errors count as failures; 4xx (429 too), cancels and bad replies do not. */
  public static boolean breakerFailure(Throwable t) {
    if (t instanceof TimeoutException) return true;
    if (!(t instanceof UpstreamException)) return false;
    UpstreamException e = (UpstreamException) t;
    if (cancelled(e)) return false;
    return e.status() == 0 || e.status() >= 500;
  }

  /** The provider could not be used at all (breaker open, our limit) or its attempts were spent: try a fallback. */
  public static boolean unavailable(Throwable t) {
    return t instanceof CallNotPermittedException || t instanceof RateLimitedException || retryable(t);
  }

  /** True for the gateway's own refusals (open breaker, rate limit): no upstream answered. */
  public static boolean ours(Throwable t) {
    return t instanceof CallNotPermittedException || t instanceof RateLimitedException;
  }

  static boolean cancelled(Throwable t) {
    return t instanceof CancellationException
        || (t instanceof UpstreamException && "cancelled".equals(((UpstreamException) t).code()));
  }

  /** The upstream's requested wait, or -1. */
  static long retryAfterMs(Throwable t) {
    return t instanceof UpstreamException ? ((UpstreamException) t).retryAfterMs() : -1;
  }
}

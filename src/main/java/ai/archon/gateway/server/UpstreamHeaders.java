package ai.archon.gateway.server;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.RetryAfter;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.resilience.RateLimitedException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.vertx.core.http.HttpHeaders;
import java.util.function.ToLongFunction;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries about upstream work ({@code x-archon-upstream-calls}, {@code x-archon-retries},
 * counted when the headers leave; a stream's are sent before its calls, so they say 0 there) and the
 * {@code Retry-After} of the gateway's own 429 and 503 answers.
 */
final class UpstreamHeaders {
  private static final CharSequence CALLS = HttpHeaders.createOptimized("x-archon-upstream-calls");
  private static final CharSequence RETRIES = HttpHeaders.createOptimized("x-archon-retries");
  private UpstreamHeaders() { }

  static void put(RoutingContext ctx) {
    CallContext call = Inbound.of(ctx).calls();
    ctx.response().putHeader(CALLS, count(call == null ? 0 : call.attempts()));
    ctx.response().putHeader(RETRIES, count(call == null ? 0 : call.retries()));
  }

  /** The small counts every response carries, written once instead of per response. */
  private static final String[] COUNTS = new String[128];

  static {
    for (int i = 0; i < COUNTS.length; i++) COUNTS[i] = Integer.toString(i);
  }

  private static String count(int n) {
    return n >= 0 && n < COUNTS.length ? COUNTS[n] : Integer.toString(n);
  }

  /**
   * Seconds until trying again makes sense: from our limiter, an open breaker's remaining open time ({@code
   * breakerOpenMs} by breaker name, -1 = unknown) or the upstream, else 1.
   */
  static long retryAfterSeconds(Throwable t, ToLongFunction<String> breakerOpenMs) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CallNotPermittedException) {
        long ms = breakerOpenMs.applyAsLong(((CallNotPermittedException) c).getCausingCircuitBreakerName());
        if (ms > 0) return RetryAfter.headerSeconds(ms);
      }
      if (c instanceof RateLimitedException) return RetryAfter.headerSeconds(((RateLimitedException) c).retryAfterMs());
      if (c instanceof UpstreamException && ((UpstreamException) c).retryAfterMs() > 0) {
        return RetryAfter.headerSeconds(((UpstreamException) c).retryAfterMs());
      }
      if (c.getCause() == c) break;
    }
    return 1;
  }
}

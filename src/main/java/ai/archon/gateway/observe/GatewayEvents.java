package ai.archon.gateway.observe;

import ai.archon.gateway.model.Usage;
import java.util.function.IntSupplier;

/**
 * What the gateway reports about its own work, for metrics and logs. Every method has an empty default so a sink
 * implements only what it records; {@link #NONE} records nothing. Called on event loops: implementations must be
 * fast and must not block.
 */
public interface GatewayEvents {
  GatewayEvents NONE = new GatewayEvents() { };

  /** A chat request arrived; {@code model} is null when it is not resolved yet. Each one is followed by a finish. */
  default void requestStarted(String model, boolean stream) { }

  /** A chat request ended; {@code ttftNanos} is the time to the first streamed content byte, or -1. */
  default void requestFinished(String model, boolean stream, int status, long durationNanos, long ttftNanos) { }

  /** A chat request ended: everything its access log line carries (never prompt or answer text). */
  default void requestCompleted(AccessRecord record) { }

  /**
   * One upstream HTTP attempt ended. {@code outcome}: ok, error (non-2xx), timeout, io (connection), cancelled,
   * rejected (breaker open or rate limit, no request made).
   */
  default void upstreamAttempt(String provider, String model, String outcome, int status, long durationNanos) { }

  /** Tokens a successful upstream call reported. */
  default void upstreamTokens(String provider, String model, Usage usage) { }

  /** An upstream attempt will be retried after {@code delayMs}. */
  default void upstreamRetry(String provider, String model, long delayMs) { }

  /** A call waited for a rate-limit permit ({@code scope}: provider or key). */
  default void rateLimitWait(String scope, String name, long waitNanos) { }

  /** A call or request was refused by a rate limit. */
  default void rateLimitRejected(String scope, String name) { }

  /** The model names that may be metric labels, at start and after each config reload (others become "other"). */
  default void modelsKnown(ModelLabels labels) { }

  /** A circuit breaker was created (closed): its state series exist from now on. */
  default void breakerCreated(String provider) { }

  /** A circuit breaker changed state (CLOSED, OPEN, HALF_OPEN, ...). */
  default void breakerTransition(String provider, String from, String to) { }

  /** The shared store (Redis) went {@code up} or {@code down}. */
  default void sharedStoreState(String state) { }

  /**
   * A rate-limit check could not use the shared store; {@code action}: local (this replica's share of the limit was
   * used) or reject (the request was answered with 503).
   */
  default void sharedStoreFallback(String scope, String action) { }

  /**
   * The gateway now guards calls to {@code provider}: {@code inFlight} and {@code queued} read its calls in flight
   * and those waiting for a slot or a rate-limit permit. Once per provider.
   */
  default void providerGuarded(String provider, IntSupplier inFlight, IntSupplier queued) { }

  /**
   * How requests are traced ({@link Tracing#OFF}: not at all). The spans follow each request through its call
   * context, not through these events: a span must exist before its upstream call leaves, to be its parent.
   */
  default Tracing tracing() { return Tracing.OFF; }

  /** A response-cache lookup: {@code result} is hit, miss or bypass. */
  default void cacheLookup(String model, String result) { }
}

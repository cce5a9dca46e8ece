package ai.archon.gateway.resilience;

import ai.archon.gateway.config.ProviderPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** A provider's retry and circuit-breaker settings as the Resilience4j objects its {@link Guard} runs them with. */
final class PolicyConfigs {
  private PolicyConfigs() { }

  /** Retries of failures {@link Failures#retryable}, with backoff and jitter, honouring Retry-After up to its cap. */
  static Retry retry(String provider, ProviderPolicy.Retry r) {
    Backoff backoff = new Backoff(r.initialBackoffMs(), r.maxBackoffMs(),
        bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    return Retry.of(provider, RetryConfig.custom()
        .maxAttempts(r.maxAttempts())
        .retryOnException(t -> Failures.retryable(t) && Failures.retryAfterMs(t) <= r.maxRetryAfterMs())
        .intervalBiFunction((n, either) -> backoff.delay(n, either.isLeft() ? Failures.retryAfterMs(either.getLeft()) : -1))
        .build());
  }

  /** A count-based breaker that records only {@link Failures#breakerFailure}s. */
  static CircuitBreakerConfig breaker(ProviderPolicy.Breaker b) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(b.windowSize())
        .minimumNumberOfCalls(b.minimumCalls())
        .failureRateThreshold(b.failureRateThreshold())
        .waitDurationInOpenState(Duration.ofMillis(b.openMs()))
        .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
        // Off: the first call after open_ms moves the breaker to half-open, so no scheduler thread is needed.
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordException(Failures::breakerFailure)
        .ignoreException(t -> !Failures.breakerFailure(t))
        .build();
  }
}

package ai.archon.gateway.config;

/**
 * How the gateway treats one provider's trouble: per-attempt timeouts, retries, circuit breaker and rate limits, from
 * the settings file's {@code providers.<model_type>} entry (every key optional; see {@link #DEFAULT}).
 *
 * @param timeoutMs one attempt, to its first byte (stream: first token; non-stream: the reply)
 * @param streamIdleTimeoutMs longest silence between two streamed tokens
 */
public record ProviderPolicy(long timeoutMs, long streamIdleTimeoutMs, Retry retry, Breaker breaker, RateLimit rateLimit) {
  public static final ProviderPolicy DEFAULT = new ProviderPolicy(120_000, 30_000, Retry.DEFAULT, Breaker.DEFAULT,
      RateLimit.DEFAULT);

  /** Retries with exponential backoff and full jitter; a Retry-After above {@code maxRetryAfterMs} is not waited for. */
  public record Retry(int maxAttempts, long initialBackoffMs, long maxBackoffMs, long maxRetryAfterMs) {
    public static final Retry DEFAULT = new Retry(3, 500, 20_000, 60_000);
  }

  /**
   * Count-based circuit breaker; {@code scope} is {@code provider} (one breaker per model_type) or {@code model}
   * (one per model_type and model); {@code shared} publishes open/close transitions to the other replicas (Redis).
   */
  public record Breaker(String scope, Trip trip, long openMs, int halfOpenCalls, boolean shared) {
    public static final Breaker DEFAULT = new Breaker("provider", 20, 10, 50f, 30_000, 2);

    /** Not shared. */
    public Breaker(String scope, int windowSize, int minimumCalls, float failureRateThreshold, long openMs,
        int halfOpenCalls) {
      this(scope, new Trip(windowSize, minimumCalls, failureRateThreshold), openMs, halfOpenCalls, false);
    }

    public boolean perModel() { return "model".equals(scope); }

    public int windowSize() { return trip.windowSize(); }

    public int minimumCalls() { return trip.minimumCalls(); }

    public float failureRateThreshold() { return trip.failureRateThreshold(); }
  }

  /**
   * When a breaker opens: at {@code failureRateThreshold} percent failed of the last {@code windowSize} calls, once
   * there were {@code minimumCalls}.
   */
  public record Trip(int windowSize, int minimumCalls, float failureRateThreshold) { }

  /** Limits for all calls of the process to one provider; 0 means unlimited. */
  public record RateLimit(long rpm, long tpm, int maxConcurrency, long maxQueueMs) {
    public static final RateLimit DEFAULT = new RateLimit(0, 0, 2048, 10_000);
  }
}

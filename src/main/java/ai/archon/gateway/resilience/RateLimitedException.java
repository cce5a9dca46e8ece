package ai.archon.gateway.resilience;

/**
 * A call or request was refused by one of the gateway's own limits (a provider's rpm/tpm/max_concurrency, or a
 * client key's rpm/tpm); {@code retryAfterMs} is when trying again could succeed. Answered as 429.
 */
public class RateLimitedException extends RuntimeException {
  private final String scope;
  private final String name;
  private final long retryAfterMs;

  public RateLimitedException(String scope, String name, long retryAfterMs, String message) {
    super(message, null, false, false);
    this.scope = scope;
    this.name = name;
    this.retryAfterMs = retryAfterMs;
  }

  /** {@code provider} or {@code key}. */
  public String scope() { return scope; }

  public String name() { return name; }

  /** When trying again could succeed, in milliseconds from now (the 429's Retry-After). */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}

package ai.archon.gateway.model;

/**
 * A provider answered with a non-2xx status, or its reply could not be read. {@code status} is 0 for I/O failures.
 * The message names the provider and model, never a key or the raw upstream body.
 */
public class UpstreamException extends RuntimeException {
  private final String provider;
  private final int status;
  private final String code;
  private final boolean retryable;
  private long retryAfterMs = -1;

  public UpstreamException(String provider, int status, String code, boolean retryable, String message) {
    super(message);
    this.provider = provider;
    this.status = status;
    this.code = code;
    this.retryable = retryable;
  }

  public static UpstreamException of(String provider, String model, int status, String detail) {
    boolean retryable = status == 0 || status == 408 || status == 429 || status >= 500;
    String text = provider + " (" + model + ") answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
    return new UpstreamException(provider, status, status == 0 ? "upstream_unreachable" : "upstream_error", retryable, text);
  }

  public String provider() { return provider; }
  public int status() { return status; }
  public String code() { return code; }
  public boolean retryable() { return retryable; }

  /** How long the upstream asked us to wait before trying again (Retry-After), or -1 when it did not say. */
  public long retryAfterMs() { return retryAfterMs; }

  public UpstreamException withRetryAfter(long millis) {
    this.retryAfterMs = millis;
    return this;
  }
}

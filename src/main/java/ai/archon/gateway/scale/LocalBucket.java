package ai.archon.gateway.scale;

/**
 * The same token bucket as {@code rate_limit.lua}, in this process: used while Redis is unreachable, with this
 * replica's share of the limit.
 */
final class LocalBucket {
  private final long capacity;
  private final long windowMs;
  private double tokens;
  private long updatedMs;

  LocalBucket(long capacity, long windowMs, long nowMs) {
    this.capacity = capacity;
    this.windowMs = windowMs;
    this.tokens = capacity;
    this.updatedMs = nowMs;
  }

  long capacity() {
    return capacity;
  }

  synchronized Permit take(long cost, long maxWaitMs, boolean force, long nowMs) {
    double rate = (double) capacity / windowMs;
    if (nowMs > updatedMs) tokens = Math.min(capacity, tokens + (nowMs - updatedMs) * rate);
    updatedMs = Math.max(updatedMs, nowMs);
    boolean allowed = false;
    long wait = 0;
    if (force) {
      tokens = Math.min(capacity, tokens - cost);
      allowed = true;
    } else if (cost <= tokens) {
      tokens -= cost;
      allowed = true;
    } else {
      wait = (long) Math.ceil((cost - tokens) / rate);
      if (wait <= maxWaitMs) {
        tokens -= cost;
        allowed = true;
      }
    }
    long reset = (long) Math.ceil((capacity - tokens) / rate);
    return new Permit(allowed, wait, (long) Math.floor(tokens), reset, capacity, false);
  }
}

package ai.archon.gateway.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes the gateway may hold at once for request bodies in flight and upstream replies being gathered (setting
 * {@code server.max_inflight_body_bytes}). Shared by every event loop, hence atomic; reservations never wait, they
 * succeed or are refused.
 */
public final class MemoryBudget {
  /** No bound: library and bench callers, whose memory is their own business. */
  public static final MemoryBudget UNBOUNDED = new MemoryBudget(Long.MAX_VALUE);

  private final long maxBytes;
  private final AtomicLong used = new AtomicLong();

  public MemoryBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Bytes reserved and not yet released. */
  public long used() { return used.get(); }

  /**
   * Reserves {@code bytes}; refused (false, nothing kept) when that would pass the budget, unless nothing else is
   * reserved (a lone reservation larger than the budget meets its own size limit instead).
   */
  public boolean tryReserve(long bytes) {
    if (maxBytes == Long.MAX_VALUE) return true;
    long now = used.addAndGet(bytes);
    if (now > maxBytes && now != bytes) {
      used.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  public void release(long bytes) {
    if (maxBytes != Long.MAX_VALUE) used.addAndGet(-bytes);
  }

  /** A reply that did not fit: the call fails fast, the gateway answers 503 {@code overloaded}; not the provider's fault. */
  public static final class ExhaustedException extends RuntimeException {
    public ExhaustedException(String message) {
      super(message, null, false, false);
    }
  }
}

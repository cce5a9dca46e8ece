package ai.archon.gateway.resilience;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A sliding-log {@link Limiter} for this process: it remembers the start time and tokens of every request of the
 * last window, so no window of that length ever holds more than {@code rpm} requests or {@code tpm} tokens.
 * (Resilience4j's RateLimiter refreshes whole periods, which lets 2 × rpm through around a period boundary.) A
 * request that does not fit now is given the earliest start that fits; 0 disables a limit. Thread-safe.
 */
public final class LocalLimiter implements Limiter {
  private final String scope;
  private final String name;
  private final long rpm;
  private final long tpm;
  private final long windowMs;
  private final LongSupplier clock;
  private final List<Entry> log = new ArrayList<>(); // sorted by start; guarded by this

  public LocalLimiter(String scope, String name, long rpm, long tpm) {
    this(scope, name, rpm, tpm, 60_000, System::currentTimeMillis);
  }

  LocalLimiter(String scope, String name, long rpm, long tpm, long windowMs, LongSupplier clock) {
    this.scope = scope;
    this.name = name;
    this.rpm = rpm;
    this.tpm = tpm;
    this.windowMs = windowMs;
    this.clock = clock;
  }

  public long rpm() { return rpm; }

  public long tpm() { return tpm; }

  @Override
  public Future<Reservation> reserve(long tokens, long maxWaitMs) {
    try {
      return Future.succeededFuture(reserveNow(tokens, maxWaitMs));
    } catch (RateLimitedException e) {
      return Future.failedFuture(e);
    }
  }

  /** As {@link #reserve}, synchronously; throws {@link RateLimitedException}. */
  public synchronized Reservation reserveNow(long tokens, long maxWaitMs) {
    long now = clock.getAsLong();
    prune(now);
    long cost = tpm > 0 ? Math.min(Math.max(0, tokens), tpm) : Math.max(0, tokens);
    long start = now;
    if (!log.isEmpty()) start = Math.max(start, log.get(log.size() - 1).start); // keeps the log sorted
    if (rpm > 0 && log.size() >= rpm) start = Math.max(start, log.get(log.size() - (int) rpm).start + windowMs);
    if (tpm > 0) start = tokenStart(start, cost);
    long wait = start - now;
    if (wait > maxWaitMs) {
      String what = rpm > 0 && log.size() >= rpm ? "rpm " + rpm : "tpm " + tpm;
      throw new RateLimitedException(scope, name, wait,
          scope + " " + name + " is over its rate limit (" + what + "); the next slot is in " + wait + " ms");
    }
    Entry e = new Entry(start, cost);
    log.add(e);
    return e;
  }

  /** The earliest start at or after {@code start} where the window's tokens plus {@code cost} fit in tpm. */
  private long tokenStart(long start, long cost) {
    long sum = 0;
    for (Entry e : log) if (e.start > start - windowMs) sum += e.tokens;
    for (Entry e : log) {
      if (sum + cost <= tpm) break;
      if (e.start <= start - windowMs) continue;
      start = Math.max(start, e.start + windowMs);
      sum -= e.tokens;
    }
    return start;
  }

  private void prune(long now) {
    int drop = 0;
    while (drop < log.size() && log.get(drop).start <= now - windowMs) drop++;
    if (drop > 0) log.subList(0, drop).clear();
  }

  @Override
  public synchronized Usage usage() {
    long now = clock.getAsLong();
    prune(now);
    long requests = 0;
    long tokens = 0;
    for (Entry e : log) {
      if (e.start > now) continue;
      requests++;
      tokens += e.tokens;
    }
    long reset = log.isEmpty() ? 0 : Math.max(0, log.get(0).start + windowMs - now);
    return new Usage(requests, tokens, reset);
  }

  private synchronized void settle(Entry e, long actual) {
    e.tokens = tpm > 0 ? Math.min(Math.max(0, actual), tpm) : Math.max(0, actual);
  }

  private synchronized void cancel(Entry e) {
    log.remove(e);
  }

  /** One reserved request in the log. */
  private final class Entry implements Reservation {
    final long start;
    long tokens; // guarded by the limiter

    Entry(long start, long tokens) {
      this.start = start;
      this.tokens = tokens;
    }

    @Override
    public long waitMs() { return Math.max(0, start - clock.getAsLong()); }

    @Override
    public void settle(long actualTokens) { LocalLimiter.this.settle(this, actualTokens); }

    @Override
    public void cancel() { LocalLimiter.this.cancel(this); }
  }
}

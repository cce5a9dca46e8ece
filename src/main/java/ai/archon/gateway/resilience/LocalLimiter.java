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
 *
 * <p>Cost per request is constant: expired entries leave from the front by moving a head index (the list is compacted
 * once half of it is dead), and a running token total spares a walk over the window. Without any limit nothing is
 * logged at all: per-second counters keep {@link #usage()} for the admin view, since a log of every request of the
 * last minute would hold hundreds of thousands of entries at a few thousand requests per second.
 */
public final class LocalLimiter implements Limiter {
  private final String scope;
  private final String name;
  private final long rpm;
  private final long tpm;
  private final long windowMs;
  private final LongSupplier clock;
  private final List<Entry> log = new ArrayList<>(); // sorted by start from index head on; guarded by this
  private int head; // entries before head have left the window
  private long loggedTokens; // tokens of the entries from head on
  private final SecondCounts counts; // only when unlimited

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
    this.counts = rpm <= 0 && tpm <= 0 ? new SecondCounts(windowMs) : null;
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
    long cost = tpm > 0 ? Math.min(Math.max(0, tokens), tpm) : Math.max(0, tokens);
    if (counts != null) return counts.add(now, cost);
    prune(now);
    int size = log.size() - head;
    long start = now;
    if (size > 0) start = Math.max(start, log.get(log.size() - 1).start); // keeps the log sorted
    if (rpm > 0 && size >= rpm) start = Math.max(start, log.get(log.size() - (int) rpm).start + windowMs);
    if (tpm > 0) start = tokenStart(start, cost);
    long wait = start - now;
    if (wait > maxWaitMs) {
      String what = rpm > 0 && size >= rpm ? "rpm " + rpm : "tpm " + tpm;
      throw new RateLimitedException(scope, name, wait,
          scope + " " + name + " is over its rate limit (" + what + "); the next slot is in " + wait + " ms");
    }
    Entry e = new Entry(start, cost);
    log.add(e);
    loggedTokens += cost;
    return e;
  }

  /**
   * The earliest start at or after {@code start} where the window's tokens plus {@code cost} fit in tpm. Walks from
   * the oldest entry only as far as it must: usually not at all.
   */
  private long tokenStart(long start, long cost) {
    long sum = loggedTokens;
    for (int i = head; i < log.size(); i++) {
      Entry e = log.get(i);
      if (e.start <= start - windowMs) {
        sum -= e.tokens; // already out of the window that ends at start
        continue;
      }
      if (sum + cost <= tpm) break;
      start = Math.max(start, e.start + windowMs);
      sum -= e.tokens;
    }
    return start;
  }

  private void prune(long now) {
    while (head < log.size() && log.get(head).start <= now - windowMs) {
      Entry e = log.get(head++);
      loggedTokens -= e.tokens;
      e.logged = false;
    }
    if (head > 64 && head * 2 > log.size()) {
      log.subList(0, head).clear();
      head = 0;
    }
  }

  @Override
  public synchronized Usage usage() {
    long now = clock.getAsLong();
    if (counts != null) return counts.usage(now);
    prune(now);
    long requests = 0;
    long tokens = 0;
    for (int i = head; i < log.size(); i++) {
      Entry e = log.get(i);
      if (e.start > now) continue;
      requests++;
      tokens += e.tokens;
    }
    long reset = head == log.size() ? 0 : Math.max(0, log.get(head).start + windowMs - now);
    return new Usage(requests, tokens, reset);
  }

  private synchronized void settle(Entry e, long actual) {
    long tokens = tpm > 0 ? Math.min(Math.max(0, actual), tpm) : Math.max(0, actual);
    if (e.logged) loggedTokens += tokens - e.tokens;
    e.tokens = tokens;
  }

  private synchronized void cancel(Entry e) {
    if (!e.logged) return;
    for (int i = log.size() - 1; i >= head; i--) {
      if (log.get(i) == e) {
        log.remove(i);
        loggedTokens -= e.tokens;
        e.logged = false;
        return;
      }
    }
  }

  /** One reserved request in the log. */
  private final class Entry implements Reservation {
    final long start;
    long tokens; // guarded by the limiter
    boolean logged = true; // guarded by the limiter

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

  /**
   * Requests and tokens per second of the last window, for a limiter without limits: constant memory whatever the
   * rate. Guarded by the limiter.
   */
  private final class SecondCounts {
    private final long[] second;
    private final long[] requests;
    private final long[] tokens;

    SecondCounts(long windowMs) {
      int n = (int) Math.max(1, (windowMs + 999) / 1000);
      second = new long[n];
      requests = new long[n];
      tokens = new long[n];
      java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    Reservation add(long now, long cost) {
      long s = now / 1000;
      int i = slot(s);
      requests[i]++;
      tokens[i] += cost;
      return new Reservation() {
        private long counted = cost;
        private boolean live = true;

        @Override
        public long waitMs() { return 0; }

        @Override
        public void settle(long actualTokens) {
          synchronized (LocalLimiter.this) {
            long t = Math.max(0, actualTokens);
            if (live && second[i] == s) tokens[i] += t - counted;
            counted = t;
          }
        }

        @Override
        public void cancel() {
          synchronized (LocalLimiter.this) {
            if (live && second[i] == s) {
              requests[i]--;
              tokens[i] -= counted;
            }
            live = false;
          }
        }
      };
    }

    private int slot(long s) {
      int i = (int) Math.floorMod(s, (long) second.length);
      if (second[i] != s) {
        second[i] = s;
        requests[i] = 0;
        tokens[i] = 0;
      }
      return i;
    }

    Usage usage(long now) {
      long s = now / 1000;
      long r = 0;
      long t = 0;
      long oldest = Long.MAX_VALUE;
      for (int i = 0; i < second.length; i++) {
        if (second[i] > s - second.length && second[i] <= s && requests[i] > 0) {
          r += requests[i];
          t += tokens[i];
          oldest = Math.min(oldest, second[i]);
        }
      }
      long reset = r == 0 ? 0 : Math.max(0, (oldest + second.length) * 1000 - now);
      return new Usage(r, t, reset);
    }
  }
}

package ai.archon.gateway.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Marker;

/**
 * Lets through at most one "too many open files" (EMFILE/ENFILE) log event per interval: when descriptors run out,
 * Netty's accept loop logs every failed accept (with io_uring ~240,000 WARN lines a second), which would fill the
 * disk and starve the event loops. The events in between are counted and the count reported with the next one.
 */
public final class AcceptErrorThrottle extends TurboFilter {
  public static final long INTERVAL_MS = 10_000;
  private final AtomicLong nextAllowed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final long intervalMs;

  public AcceptErrorThrottle() {
    this(INTERVAL_MS);
  }

  public AcceptErrorThrottle(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || !descriptorsExhausted(format, params, t)) {
      return FilterReply.NEUTRAL;
    }
    long now = System.currentTimeMillis();
    long next = nextAllowed.get();
    if (now >= next && nextAllowed.compareAndSet(next, now + intervalMs)) {
      long skipped = dropped.getAndSet(0);
      if (skipped > 0) logger.warn("{} more 'too many open files' errors in the last {} ms were not logged", skipped, intervalMs);
      return FilterReply.NEUTRAL;
    }
    dropped.incrementAndGet();
    return FilterReply.DENY;
  }

  /** How many events were held back since the last one let through. */
  public long dropped() { return dropped.get(); }

  static boolean descriptorsExhausted(String format, Object[] params, Throwable t) {
    if (mentions(format)) return true;
    if (params != null) {
      for (Object p : params) {
        if (p instanceof Throwable && mentionsChain((Throwable) p)) return true;
        if (p instanceof String && mentions((String) p)) return true;
      }
    }
    return mentionsChain(t);
  }

  private static boolean mentionsChain(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (mentions(c.getMessage())) return true;
    }
    return false;
  }

  private static boolean mentions(String s) {
    return s != null && (s.contains("Too many open files") || s.contains("EMFILE") || s.contains("ENFILE"));
  }
}

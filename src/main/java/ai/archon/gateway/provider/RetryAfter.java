package ai.archon.gateway.provider;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long an upstream asks us to wait: {@code retry-after-ms} (OpenAI, Azure: milliseconds) first, then
 * {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 section 10.2.3). Unreadable or absent gives -1.
 */
public final class RetryAfter {
  private RetryAfter() { }

  /** The wait in milliseconds (never negative when present), or -1. {@code nowMillis} anchors HTTP dates. */
  public static long millis(String retryAfterMs, String retryAfter, long nowMillis) {
    long ms = parseNumber(retryAfterMs, 1);
    if (ms >= 0) return ms;
    if (retryAfter == null || retryAfter.isBlank()) return -1;
    long seconds = parseNumber(retryAfter, 1000);
    if (seconds >= 0) return seconds;
    try {
      long at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowMillis);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  /** A non-negative decimal number times {@code scale} (fractions allowed, as some servers send "1.5"), or -1. */
  private static long parseNumber(String value, long scale) {
    if (value == null || value.isBlank()) return -1;
    try {
      double d = Double.parseDouble(value.trim());
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) return -1;
      return (long) Math.ceil(d * scale);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Seconds for a {@code Retry-After} header the gateway sends, at least 1. */
  public static long headerSeconds(long millis) {
    return Math.max(1, Duration.ofMillis(millis).plusMillis(999).toSeconds());
  }
}

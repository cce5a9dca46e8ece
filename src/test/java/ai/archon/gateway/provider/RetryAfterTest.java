package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final long NOW = 1_700_000_000_000L;

  @Test
  void secondsAndMilliseconds() {
    assertEquals(2000, RetryAfter.millis(null, "2", NOW));
    assertEquals(1500, RetryAfter.millis(null, "1.5", NOW));
    assertEquals(0, RetryAfter.millis(null, "0", NOW));
    assertEquals(250, RetryAfter.millis("250", "9", NOW), "retry-after-ms wins");
  }

  @Test
  void httpDate() {
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(NOW + 30_000), ZoneOffset.UTC));
    assertEquals(30_000, RetryAfter.millis(null, in30s, NOW));
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(NOW - 30_000), ZoneOffset.UTC));
    assertEquals(0, RetryAfter.millis(null, past, NOW));
  }

  @Test
  void absentOrUnreadableIsMinusOne() {
    assertEquals(-1, RetryAfter.millis(null, null, NOW));
    assertEquals(-1, RetryAfter.millis("", " ", NOW));
    assertEquals(-1, RetryAfter.millis("soon", "later", NOW));
    assertEquals(-1, RetryAfter.millis(null, "-3", NOW));
  }

  @Test
  void headerSecondsRoundUpToAtLeastOne() {
    assertEquals(1, RetryAfter.headerSeconds(0));
    assertEquals(1, RetryAfter.headerSeconds(1000));
    assertEquals(2, RetryAfter.headerSeconds(1001));
  }
}

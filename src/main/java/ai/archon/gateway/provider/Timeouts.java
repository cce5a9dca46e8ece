package ai.archon.gateway.provider;

/**
 * Per-call HTTP timeouts of a provider adapter, in milliseconds. {@code connectMillis} bounds establishing the TCP/TLS
 * connection; {@code idleMillis} bounds the silence between two reads of one exchange (for a stream: between two
 * chunks), so a long answer that keeps streaming is never cut, while a stalled upstream is.
 */
public record Timeouts(long connectMillis, long idleMillis) {
  public static final long DEFAULT_CONNECT_MILLIS = 10_000;
  public static final long DEFAULT_IDLE_MILLIS = 120_000;
  public static final Timeouts DEFAULT = new Timeouts(DEFAULT_CONNECT_MILLIS, DEFAULT_IDLE_MILLIS);

  public Timeouts {
    if (connectMillis <= 0) throw new IllegalArgumentException("connectMillis must be positive");
    if (idleMillis <= 0) throw new IllegalArgumentException("idleMillis must be positive");
  }
}

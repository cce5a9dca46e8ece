package ai.archon.gateway.config;

/**
 * How long an inbound connection may sit without a request: {@code idleTimeoutMs} between requests (none in
 * flight), {@code headerTimeoutMs} from accepting it until the first request's head is complete (slow or silent
 * clients). Settings {@code server.idle_timeout_ms} and {@code server.header_timeout_ms}.
 */
public record ServerTimeouts(long idleTimeoutMs, long headerTimeoutMs) {
  public static final ServerTimeouts DEFAULT = new ServerTimeouts(60_000, 10_000);
}

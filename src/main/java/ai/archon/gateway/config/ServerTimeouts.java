package ai.archon.gateway.config;

/**
 * How long an inbound connection may sit without a request: {@code idleTimeoutMs} between requests (none in
 * flight), {@code headerTimeoutMs} from accepting it until the first request's head is complete (slow or silent
 * clients); and how long a streaming client may read nothing while its socket's write queue is full
 * ({@code writeStallTimeoutMs}) before its stream ends with an error. Settings {@code server.idle_timeout_ms},
 * {@code server.header_timeout_ms} and {@code server.write_stall_timeout_ms}.
 */
public record ServerTimeouts(long idleTimeoutMs, long headerTimeoutMs, long writeStallTimeoutMs) {
  public static final ServerTimeouts DEFAULT = new ServerTimeouts(60_000, 10_000, 30_000);
}

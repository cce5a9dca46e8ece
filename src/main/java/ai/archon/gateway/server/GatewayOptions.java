package ai.archon.gateway.server;

/**
 * How the HTTP front listens: host and port (0 = any free port), the request body limit, and how often an idle SSE
 * stream gets a keep-alive comment.
 */
public record GatewayOptions(String host, int port, long maxBodyBytes, long sseKeepAliveMs) {
  public static final long DEFAULT_SSE_KEEP_ALIVE_MS = 5000;
}

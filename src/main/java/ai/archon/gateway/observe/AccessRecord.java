package ai.archon.gateway.observe;

/**
 * One chat request as the access log sees it: ids, model, outcome and counts, never prompt or answer text.
 * {@code keyName} is the inbound key's configured name (null while the gateway has no inbound keys); {@code ttftMs} is
 * -1 for non-streamed requests.
 */
public record AccessRecord(String requestId, String keyName, String model, boolean stream, int status, long latencyMs,
    long ttftMs, int upstreamCalls, int retries, long promptTokens, long completionTokens, boolean degraded) {
}

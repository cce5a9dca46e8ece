package ai.archon.gateway.observe;

/**
 * One chat request as the access log sees it: ids, model, outcome and counts, never prompt or answer text.
 */
public record AccessRecord(Request request, Outcome outcome, Counts counts) {

  /** Who asked for what: the request id, the inbound key's configured name (null without inbound keys), the model. */
  public record Request(String id, String keyName, String model, boolean stream) { }

  /** How it ended: the HTTP status, the latency, the time to first token (-1 when not streamed), a degraded layer. */
  public record Outcome(int status, long latencyMs, long ttftMs, boolean degraded) { }

  /** The upstream work: HTTP attempts (retries included), the retries, and the tokens. */
  public record Counts(int upstreamCalls, int retries, long promptTokens, long completionTokens) { }
}

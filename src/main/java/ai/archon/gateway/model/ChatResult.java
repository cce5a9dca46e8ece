package ai.archon.gateway.model;

/** The finished answer of one upstream call. */
public record ChatResult(String text, Usage usage, String finishReason) {
  public ChatResult {
    text = text == null ? "" : text;
    usage = usage == null ? Usage.ZERO : usage;
    finishReason = finishReason == null ? "stop" : finishReason;
  }
}

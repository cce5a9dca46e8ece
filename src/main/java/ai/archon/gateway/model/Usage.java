package ai.archon.gateway.model;

/** Token counts reported by a provider; summed over every upstream call of a request. */
public record Usage(long promptTokens, long completionTokens) {
  public static final Usage ZERO = new Usage(0, 0);

  public long totalTokens() { return promptTokens + completionTokens; }

  public Usage plus(Usage other) {
    return other == null ? this : new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}

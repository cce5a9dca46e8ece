package ai.archon.gateway.model;

/**
 * Token counts reported by a provider, summed over every upstream call of a request, and once priced what they cost.
 *
 * @param cachedTokens the part of {@code promptTokens} the provider served from its prompt cache (billed at the
 *     cached-input price); 0 when it reports none
 * @param cost US dollars, or null when not priced (a model without a price, or not priced yet)
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, Double cost) {
  public static final Usage ZERO = new Usage(0, 0);
  /** Nothing used and nothing spent: where priced usage is summed from (a sum stays priced while every part is). */
  public static final Usage FREE = new Usage(0, 0, 0, 0.0);

  public Usage(long promptTokens, long completionTokens) {
    this(promptTokens, completionTokens, 0, null);
  }

  public Usage(long promptTokens, long completionTokens, long cachedTokens) {
    this(promptTokens, completionTokens, cachedTokens, null);
  }

  public long totalTokens() { return promptTokens + completionTokens; }

  /** The token counts summed; the cost is kept only when both sides have one (unknown + anything = unknown). */
  public Usage plus(Usage other) {
    if (other == null) return this;
    Double sum = cost == null || other.cost == null ? null : cost + other.cost;
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
        cachedTokens + other.cachedTokens, sum);
  }

  /** The same counts with this cost (null = unknown). */
  public Usage withCost(Double usd) {
    return new Usage(promptTokens, completionTokens, cachedTokens, usd);
  }
}

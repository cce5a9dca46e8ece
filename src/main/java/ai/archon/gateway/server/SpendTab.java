package ai.archon.gateway.server;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.Usage;
import java.util.function.Supplier;

/**
 * One chat request's spend: the prices in force when it was admitted (a reload does not change a request halfway),
 * and where its usage comes from when it ends (the pipeline's running total, or a pass-through call's priced usage).
 * Used from the request's event loop only.
 */
final class SpendTab {
  private final Prices prices;
  private Supplier<Usage> usage = () -> Usage.FREE;

  SpendTab(Prices prices) {
    this.prices = prices;
  }

  Prices prices() { return prices; }

  /** {@code usage} priced at {@code modelType/model}'s price (cost null without one), and recorded as this request's. */
  Usage price(String modelType, String model, Usage usage) {
    if (usage == null) return null;
    Prices.Price p = prices.of(modelType, model);
    Usage priced = usage.withCost(p == null ? null : p.cost(usage));
    this.usage = () -> priced;
    return priced;
  }

  /**
   * The call answered without saying what it used (a relayed stream without {@code include_usage}): the request is
   * charged its reserved estimate, the most it could have cost.
   */
  void unmetered() { this.usage = () -> null; }

  /** Where the request's usage is read when it ends (an ensemble's run context). */
  void usageFrom(Supplier<Usage> source) { this.usage = source; }

  /** What the request's calls used and cost so far (cost null when a model had no price; null when unmetered). */
  Usage usage() { return usage.get(); }
}

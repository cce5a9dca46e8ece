package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices per million tokens by {@code <model_type>/<model>}, from the settings key
 * {@code "price_per_mtok": {"OpenAI_API/gpt-4o": {"input": 2.5, "output": 10.0, "cached_input": 1.25}}}: the cost
 * in every reply ({@code usage.cost}), the spend budgets count and the cost metric. A model without an entry has no
 * cost (null in replies, no series).
 */
public final class Prices {
  public static final Prices NONE = new Prices(Map.of());
  private final Map<String, Price> byModel;
  private final ModelTypeIndex<Price> index;

  /**
   * US dollars per million input (prompt) and output (completion) tokens, and per million prompt tokens the provider
   * served from its prompt cache ({@code cached_input}; the input price when not given).
   */
  public record Price(double input, double output, double cachedInput) {
    public Price(double input, double output) {
      this(input, output, input);
    }

    /** What {@code usage} costs at this price, in US dollars. */
    public double cost(ai.archon.gateway.model.Usage usage) {
      long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
      return ((usage.promptTokens() - cached) * input + cached * cachedInput + usage.completionTokens() * output)
          / 1_000_000.0;
    }
  }

  public Prices(Map<String, Price> byModel) {
    this.byModel = Map.copyOf(byModel);
    this.index = new ModelTypeIndex<>(this.byModel);
  }

  /** The prices by {@code <model_type>/<model>}. */
  public Map<String, Price> byModel() { return byModel; }

  /** The price for a model of a model_type, or null. */
  public Price of(String modelType, String model) {
    return index.get(modelType, model);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prices && ((Prices) o).byModel.equals(byModel);
  }

  @Override
  public int hashCode() { return byModel.hashCode(); }

  @Override
  public String toString() { return "Prices" + byModel; }

  /** Parses the {@code price_per_mtok} section; every message names the file and field. */
  static Prices parse(JsonNode section, Path file) {
    if (section == null || section.isNull()) return NONE;
    if (!section.isObject()) {
      throw new ConfigException(file, "price_per_mtok", "must be an object by \"<model_type>/<model>\", got "
          + StrictJson.describe(section));
    }
    Map<String, Price> prices = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "price_per_mtok." + e.getKey();
      if (e.getKey().indexOf('/') <= 0) {
        throw new ConfigException(file, field, "the key must be \"<model_type>/<model>\", like \"OpenAI_API/gpt-4o\"");
      }
      if (!e.getValue().isObject()) {
        throw new ConfigException(file, field, "must be {\"input\": x, \"output\": y}, got "
            + StrictJson.describe(e.getValue()));
      }
      double input = amount(e.getValue(), field, "input", file);
      double cached = e.getValue().has("cached_input") ? amount(e.getValue(), field, "cached_input", file) : input;
      prices.put(e.getKey(), new Price(input, amount(e.getValue(), field, "output", file), cached));
    }
    return new Prices(prices);
  }

  private static double amount(JsonNode entry, String field, String key, Path file) {
    JsonNode n = entry.get(key);
    if (n == null || !n.isNumber() || n.asDouble() < 0) {
      throw new ConfigException(file, field + "." + key, "must be a number of US dollars per million tokens, at least 0"
          + (n == null ? "" : ", got " + StrictJson.describe(n)));
    }
    return n.asDouble();
  }
}

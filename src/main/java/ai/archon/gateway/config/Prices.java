package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices per million tokens by {@code <model_type>/<model>}, from the settings key
 * {@code "price_per_mtok": {"OpenAI_API/gpt-4o": {"input": 2.5, "output": 10.0}}}; used only to estimate cost in
 * the metrics. A model without an entry has no cost series.
 */
public record Prices(Map<String, Price> byModel) {
  public static final Prices NONE = new Prices(Map.of());

  /** US dollars per million input (prompt) and output (completion) tokens. */
  public record Price(double input, double output) { }

  public Prices {
    byModel = Map.copyOf(byModel);
  }

  /** The price for a model of a model_type, or null. */
  public Price of(String modelType, String model) {
    return byModel.get(modelType + "/" + model);
  }

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
      prices.put(e.getKey(), new Price(amount(e.getValue(), field, "input", file),
          amount(e.getValue(), field, "output", file)));
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

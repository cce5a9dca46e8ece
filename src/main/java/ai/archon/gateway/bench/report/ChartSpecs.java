package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The data behind each score chart, as JSON for the page's script ({@code report.js} draws it with ECharts): every
 * number is the scorer's own; the only arithmetic here is AlpacaEval's 95% interval, ±1.96 standard errors, because
 * its leaderboard gives standard errors where Arena-Hard gives bootstrap bounds.
 */
final class ChartSpecs {
  static final double Z95 = 1.96;

  private ChartSpecs() { }

  /** Headline scores per model with their intervals where the benchmark has them. */
  static ObjectNode scores(ScoreResult r) {
    List<ObjectNode> models = r.ranked();
    ObjectNode spec = spec("scores", Benchmarks.title(r.benchmark()) + ": scores");
    ArrayNode names = spec.putArray("models");
    models.forEach(m -> names.add(m.get("model").textValue()));
    ArrayNode series = spec.putArray("series");
    String b = r.benchmark();
    if (b.equals(Benchmarks.ALPACA_EVAL)) {
      spec.put("unit", "%").put("max", 100).put("note", "95% intervals: ±1.96 standard errors");
      series.add(withSe("LC win rate", models, "length_controlled_winrate", "lc_standard_error"));
      series.add(withSe("win rate", models, "win_rate", "standard_error"));
    } else if (Benchmarks.isArenaHard(b)) {
      spec.put("unit", "%").put("max", 100).put("note", "95% bootstrap intervals (ci_lower, ci_upper)");
      ObjectNode s = values("score", models, "score");
      ArrayNode low = s.putArray("low");
      ArrayNode high = s.putArray("high");
      models.forEach(m -> {
        low.add(ScoreResult.number(m, "ci_lower"));
        high.add(ScoreResult.number(m, "ci_upper"));
      });
      series.add(s);
    } else {
      spec.put("unit", "").put("max", 10).put("note", "judge scores 1–10, mean over the questions");
      series.add(values("score", models, "score"));
      series.add(values("turn 1", models, "turn_1"));
      series.add(values("turn 2", models, "turn_2"));
    }
    return spec;
  }

  /**
   * Score against average answer length, one point per model: a judge that prefers longer answers shows as a slope.
   * For AlpacaEval both the raw and the length-controlled win rate, so the correction is visible; null when no model
   * has both numbers.
   */
  static ObjectNode length(ScoreResult r) {
    boolean alpaca = r.benchmark().equals(Benchmarks.ALPACA_EVAL);
    String x = alpaca ? "avg_length" : "avg_tokens";
    ObjectNode spec = spec("length", Benchmarks.title(r.benchmark()) + ": " + (alpaca ? "win rate" : "score")
        + " against average answer length");
    spec.put("xName", alpaca ? "average answer length (characters)" : "average answer length (tokens)");
    spec.put("yName", alpaca ? "win rate (%)" : "score (%)");
    ArrayNode series = spec.putArray("series");
    if (alpaca) {
      series.add(points("win rate", r.models(), x, "win_rate"));
      series.add(points("LC win rate", r.models(), x, "length_controlled_winrate"));
    } else {
      series.add(points("score", r.models(), x, "score"));
    }
    boolean any = false;
    for (var s : series) any |= !s.get("points").isEmpty();
    return any ? spec : null;
  }

  /** MT-Bench's per-category scores, one polygon per model; null when no model has categories. */
  static ObjectNode categories(ScoreResult r) {
    List<String> categories = r.categories();
    if (categories.isEmpty()) return null;
    ObjectNode spec = spec("radar", Benchmarks.title(r.benchmark()) + ": score per category");
    spec.put("max", 10);
    ArrayNode indicators = spec.putArray("indicators");
    categories.forEach(indicators::add);
    ArrayNode series = spec.putArray("series");
    for (ObjectNode m : r.ranked()) {
      ObjectNode s = series.addObject().put("name", m.get("model").textValue());
      ArrayNode values = s.putArray("values");
      categories.forEach(c -> values.add(ScoreResult.number(m.path("categories"), c)));
    }
    return spec;
  }

  static ObjectNode spec(String kind, String title) {
    return ReportInputs.MAPPER.createObjectNode().put("kind", kind).put("title", title);
  }

  private static ObjectNode values(String name, List<ObjectNode> models, String field) {
    ObjectNode s = ReportInputs.MAPPER.createObjectNode().put("name", name);
    ArrayNode values = s.putArray("values");
    models.forEach(m -> values.add(ScoreResult.number(m, field)));
    return s;
  }

  private static ObjectNode withSe(String name, List<ObjectNode> models, String field, String seField) {
    ObjectNode s = values(name, models, field);
    ArrayNode low = s.putArray("low");
    ArrayNode high = s.putArray("high");
    for (ObjectNode m : models) {
      Double v = ScoreResult.number(m, field);
      Double se = ScoreResult.number(m, seField);
      boolean known = v != null && se != null;
      low.add(known ? Math.max(0, v - Z95 * se) : null);
      high.add(known ? Math.min(100, v + Z95 * se) : null);
    }
    return s;
  }

  private static ObjectNode points(String name, List<ObjectNode> models, String xField, String yField) {
    ObjectNode s = ReportInputs.MAPPER.createObjectNode().put("name", name);
    ArrayNode points = s.putArray("points");
    for (ObjectNode m : models) {
      Double x = ScoreResult.number(m, xField);
      Double y = ScoreResult.number(m, yField);
      if (x != null && y != null) points.addArray().add(x).add(y).add(m.get("model").textValue());
    }
    return s;
  }
}

package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-answer measures by model and benchmark: a table (counts, latency percentiles, means, total cost) and one box
 * plot per measure that any answer records (latency, output tokens, cost; length in characters always).
 */
final class AnswerSummary {
  /** One model's answers to one benchmark. */
  record Group(String model, String benchmark, List<AnswerPoint> answers) {
    String name() {
      return model + " · " + Benchmarks.title(benchmark);
    }

    /** The measure's recorded values, sorted. */
    List<Double> sorted(Metric metric) {
      return answers.stream().map(metric.value).filter(Objects::nonNull).map(Number::doubleValue).sorted().toList();
    }
  }

  enum Metric {
    LATENCY("Latency per answer", "ms", AnswerPoint::latencyMs),
    OUTPUT_TOKENS("Output tokens per answer", "tokens", AnswerPoint::outputTokens),
    COST("Cost per answer", "USD", AnswerPoint::costUsd),
    LENGTH("Answer length", "characters", AnswerPoint::chars);

    final String title;
    final String unit;
    final Function<AnswerPoint, Number> value;

    Metric(String title, String unit, Function<AnswerPoint, Number> value) {
      this.title = title;
      this.unit = unit;
      this.value = value;
    }
  }

  private AnswerSummary() { }

  /** The answers grouped by (model, benchmark), in the order first seen. */
  static List<Group> groups(List<AnswerPoint> answers) {
    Map<List<String>, List<AnswerPoint>> by = new LinkedHashMap<>();
    for (AnswerPoint a : answers) by.computeIfAbsent(List.of(a.model(), a.benchmark()), k -> new ArrayList<>()).add(a);
    List<Group> out = new ArrayList<>();
    by.forEach((k, v) -> out.add(new Group(k.get(0), k.get(1), v)));
    return out;
  }

  static String table(List<Group> groups) {
    StringBuilder sb = new StringBuilder("<table class=\"answers\">\n<thead><tr><th class=\"text\">model</th><th class=\"text\">benchmark</th>"
        + "<th>answers</th><th>latency p50 (ms)</th><th>latency p95 (ms)</th><th>mean output tokens</th>"
        + "<th>mean length (chars)</th><th>mean cost (USD)</th><th>total cost (USD)</th></tr></thead>\n<tbody>\n");
    for (Group g : groups) {
      List<Double> latency = g.sorted(Metric.LATENCY);
      List<Double> cost = g.sorted(Metric.COST);
      sb.append("<tr><td class=\"text model\">").append(Html.text(g.model())).append("</td><td class=\"text\">")
          .append(Html.text(Benchmarks.title(g.benchmark()))).append("</td><td>").append(g.answers().size())
          .append("</td><td>").append(format(quantile(latency, 0.5), "%.0f"))
          .append("</td><td>").append(format(quantile(latency, 0.95), "%.0f"))
          .append("</td><td>").append(format(mean(g.sorted(Metric.OUTPUT_TOKENS)), "%.1f"))
          .append("</td><td>").append(format(mean(g.sorted(Metric.LENGTH)), "%.0f"))
          .append("</td><td>").append(format(mean(cost), "%.5f"))
          .append("</td><td>").append(format(cost.isEmpty() ? null : cost.stream().mapToDouble(d -> d).sum(), "%.4f"))
          .append("</td></tr>\n");
    }
    return sb.append("</tbody>\n</table>\n").toString();
  }

  /** One box-plot spec per measure that some answer records, in {@link Metric} order. */
  static List<ObjectNode> charts(List<Group> groups) {
    List<ObjectNode> out = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      ObjectNode spec = ChartSpecs.spec("box", metric.title + " (" + metric.unit + ")").put("unit", metric.unit)
          .put("note", "box: quartiles and median; whiskers: min and max; diamond: mean");
      ArrayNode names = spec.putArray("groups");
      ArrayNode boxes = spec.putArray("boxes");
      ArrayNode counts = spec.putArray("counts");
      ArrayNode means = spec.putArray("means");
      for (Group g : groups) {
        List<Double> v = g.sorted(metric);
        if (v.isEmpty()) continue;
        names.add(g.name());
        ArrayNode box = boxes.addArray();
        for (double p : new double[] {0, 0.25, 0.5, 0.75, 1}) box.add(quantile(v, p));
        counts.add(v.size());
        means.add(mean(v));
      }
      if (!names.isEmpty()) out.add(spec);
    }
    return out;
  }

  /** The p-quantile (0–1) of sorted values, linearly interpolated between ranks (numpy's default); null if none. */
  static Double quantile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) return null;
    double pos = p * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  static Double mean(List<Double> values) {
    return values.isEmpty() ? null : values.stream().mapToDouble(d -> d).average().orElseThrow();
  }

  private static String format(Double v, String pattern) {
    return v == null ? "–" : String.format(Locale.ROOT, pattern, v);
  }
}

package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One benchmark's scores as {@code bench score --format json} prints them: the benchmark name and one JSON object per
 * model (its fields depend on the benchmark; {@link Benchmarks} knows which). Kept as JSON so that a field the scorer
 * adds later passes through without a change here.
 */
record ScoreResult(String benchmark, List<ObjectNode> models) {
  ScoreResult {
    models = List.copyOf(models);
  }

  /** The models best first by the benchmark's headline score; a model without one comes last. */
  List<ObjectNode> ranked() {
    String field = Benchmarks.primaryField(benchmark);
    Comparator<ObjectNode> byScore = Comparator.comparingDouble(m -> m.path(field).isNumber()
        ? -m.get(field).doubleValue() : Double.POSITIVE_INFINITY);
    List<ObjectNode> out = new ArrayList<>(models);
    out.sort(byScore);
    return out;
  }

  /** MT-Bench: the categories any model has, FastChat's eight in its order first, then others by name. */
  List<String> categories() {
    Set<String> seen = new java.util.TreeSet<>();
    for (ObjectNode m : models) m.path("categories").fieldNames().forEachRemaining(seen::add);
    Set<String> out = new LinkedHashSet<>();
    Benchmarks.MT_BENCH_CATEGORIES.stream().filter(seen::contains).forEach(out::add);
    out.addAll(seen);
    return List.copyOf(out);
  }

  /** A model's number field, or null. */
  static Double number(JsonNode model, String field) {
    JsonNode v = model.path(field);
    return v.isNumber() ? v.doubleValue() : null;
  }
}

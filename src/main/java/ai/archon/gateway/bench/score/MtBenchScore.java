package ai.archon.gateway.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MT-Bench single-answer scores as FastChat's {@code show_result.py --mode single} computes them from
 * {@code model_judgment/<judge>_single.jsonl}: records with {@code score == -1} (no rating parsed) are dropped;
 * {@code turn_1} and {@code turn_2} are the means of each turn's records and {@code score} the mean of all remaining
 * records (not the mean of the two turn means; duplicates count as often as they appear). Per category: the mean of
 * every record whose question has that category in the MT-Bench question set, the grouping of the official radar plot.
 */
final class MtBenchScore {
  /** One model's numbers; categories in alphabetical order. */
  record Row(String model, double score, Double turn1, Double turn2, Map<String, Double> categories) { }

  private MtBenchScore() { }

  /** Scores with the categories of the MT-Bench question set at {@code questions}. */
  static List<Row> score(List<Path> files, Path questions) {
    Map<String, String> categoryOf = categories(questions);
    Map<String, List<JsonNode>> byModel = new LinkedHashMap<>();
    for (Path f : files) {
      for (JsonNode r : ScoreJson.readLines(f)) {
        if (!r.path("score").isNumber()) throw new IllegalArgumentException(f + ": a judgment record has no numeric score");
        if (r.get("score").doubleValue() == -1) continue;
        byModel.computeIfAbsent(r.path("model").asText(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Row> rows = new ArrayList<>();
    byModel.forEach((model, records) -> {
      Map<String, List<Double>> byCategory = new TreeMap<>();
      for (JsonNode r : records) {
        String category = categoryOf.get(r.path("question_id").asText());
        if (category != null) byCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(r.get("score").doubleValue());
      }
      Map<String, Double> categories = new LinkedHashMap<>();
      byCategory.forEach((c, scores) -> categories.put(c, mean(scores)));
      rows.add(new Row(model, mean(scores(records, 0)), meanOrNull(scores(records, 1)), meanOrNull(scores(records, 2)),
          categories));
    });
    return rows;
  }

  /** The scores of one turn (0: every turn). */
  private static List<Double> scores(List<JsonNode> records, int turn) {
    return records.stream().filter(r -> turn == 0 || r.path("turn").asInt() == turn)
        .map(r -> r.get("score").doubleValue()).toList();
  }

  private static double mean(List<Double> v) {
    return Stats.mean(v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static Double meanOrNull(List<Double> v) {
    return v.isEmpty() ? null : mean(v);
  }

  /** Question id to category, from the official MT-Bench question set (found or fetched like bench's). */
  static Map<String, String> categories(Path questions) {
    Map<String, String> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(questions, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonNode q = ScoreJson.MAPPER.readTree(line);
        out.put(q.path("question_id").asText(), q.path("category").asText());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the MT-Bench question set " + questions + ": " + e.getMessage(), e);
    }
    return out;
  }
}

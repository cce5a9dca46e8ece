package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.score.ScoreCommand;
import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's official score of one judged model, as {@code bench score --format json} computes it, with a 95%
 * interval: Arena-Hard's bootstrap bounds; AlpacaEval's ±1.96 standard errors of the length-controlled win rate
 * (of the raw win rate when no instruction-difficulty file is there); for MT-Bench, which publishes no interval,
 * ±1.96 standard errors of the mean over the rated turns.
 */
final class Objective {
  static final double Z95 = 1.96;

  /** A score and its interval. */
  record Scored(double score, double ciLower, double ciUpper) { }

  private Objective() { }

  /**
   * @param judged the benchmark's folder of the run ({@code <runs>/<benchmark>}, holding {@code model_judgment/})
   * @param judgeId the judge's name as bench writes it in file names
   */
  static Scored score(String benchmark, Path judged, String judgeId, String model, Map<String, String> env,
      PrintStream log) {
    Path judgments = judged.resolve("model_judgment");
    List<String> args = new ArrayList<>(List.of("--benchmark", benchmark));
    switch (benchmark) {
      case "alpaca_eval" -> args.addAll(List.of("--annotations", judgments.resolve(judgeId).resolve(model)
          .resolve("annotations.json").toString()));
      case "mt_bench" -> args.addAll(List.of("--judgments", judgments.resolve(judgeId + "_single.jsonl").toString()));
      default -> args.addAll(List.of("--judgments", judgments.resolve(judgeId).resolve(model + ".jsonl").toString()));
    }
    args.addAll(List.of("--format", "json"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ScoreCommand.run(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        log);
    String json = out.toString(StandardCharsets.UTF_8);
    if (code != 0) throw new IllegalStateException("bench score failed for " + model + " (exit " + code + ")");
    JsonNode row = null;
    try {
      for (JsonNode m : JsonIo.MAPPER.readTree(json).path("models")) {
        if (m.path("model").asText().equals(model)) row = m;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (row == null) throw new IllegalStateException("bench score has no score for " + model);
    switch (benchmark) {
      case "alpaca_eval": {
        boolean lc = row.path("length_controlled_winrate").isNumber();
        double s = row.path(lc ? "length_controlled_winrate" : "win_rate").asDouble();
        double se = row.path(lc ? "lc_standard_error" : "standard_error").asDouble(0);
        return new Scored(s, s - Z95 * se, s + Z95 * se);
      }
      case "mt_bench": {
        double s = row.path("score").asDouble();
        double se = mtBenchError(judgments.resolve(judgeId + "_single.jsonl"), model);
        return new Scored(s, s - Z95 * se, s + Z95 * se);
      }
      default: {
        double s = row.path("score").asDouble();
        return new Scored(s, row.path("ci_lower").asDouble(s), row.path("ci_upper").asDouble(s));
      }
    }
  }

  /** The standard error of the mean rating of {@code model}'s rated turns (FastChat drops score -1). */
  private static double mtBenchError(Path file, String model) {
    List<Double> scores = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonNode n = JsonIo.MAPPER.readTree(line);
        if (n.path("model").asText().equals(model) && n.path("score").asDouble() != -1) scores.add(n.path("score").asDouble());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (scores.size() < 2) return 0;
    double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = scores.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(ss / (scores.size() - 1) / scores.size());
  }
}

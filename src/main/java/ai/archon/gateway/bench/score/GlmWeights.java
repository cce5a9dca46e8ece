package ai.archon.gateway.bench.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three coefficients of AlpacaEval's {@code length_controlled_v1} GLM for one model: {@code np.tanh(std_delta_len)},
 * {@code instruction_difficulty} and {@code not_gamed_baseline.astype(float)}, as in AlpacaEval's weights CSV
 * ({@code metrics/weights/<annotator>/length_controlled_v1/baseline_<baseline>.csv}: model name, then those columns).
 */
public record GlmWeights(double length, double difficulty, double notGamedBaseline) {
  public static final GlmWeights ZERO = new GlmWeights(0, 0, 0);
  static final List<String> COLUMNS = List.of("np.tanh(std_delta_len)", "instruction_difficulty",
      "not_gamed_baseline.astype(float)");

  /** {@code this - other}: AlpacaEval predicts a model against a baseline from the difference of their weights. */
  public GlmWeights minus(GlmWeights other) {
    return new GlmWeights(length - other.length, difficulty - other.difficulty, notGamedBaseline - other.notGamedBaseline);
  }

  /** Every model's weights in a weights CSV, keyed by model name; columns are found by their header names. */
  public static Map<String, GlmWeights> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read GLM weights " + csv + ": " + e.getMessage());
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    int[] at = COLUMNS.stream().mapToInt(header::indexOf).toArray();
    for (int i = 0; i < at.length; i++) {
      if (at[i] < 1) throw new IllegalArgumentException(csv + ": no column " + COLUMNS.get(i));
    }
    Map<String, GlmWeights> out = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) continue;
      String[] f = line.split(",", -1);
      out.put(f[0], new GlmWeights(Double.parseDouble(f[at[0]]), Double.parseDouble(f[at[1]]),
          Double.parseDouble(f[at[2]])));
    }
    return out;
  }
}

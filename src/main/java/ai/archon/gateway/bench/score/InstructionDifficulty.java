package ai.archon.gateway.bench.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * AlpacaEval 2.0's per-instruction difficulty ({@code instruction_difficulty.csv}: {@code index,instruction_difficulty},
 * one row per instruction of the 805-instruction eval set), a term of the length-controlled GLM. Upstream it lives only
 * in the Hugging Face dataset {@code tatsu-lab/alpaca_eval}; the scorer reads a local copy from
 * {@code $ARCHON_BENCHMARK_DIR/alpaca_eval/instruction_difficulty.csv}.
 */
public final class InstructionDifficulty {
  public static final String ENV = "ARCHON_BENCHMARK_DIR";
  public static final String RELATIVE = "alpaca_eval/instruction_difficulty.csv";

  private InstructionDifficulty() { }

  /** The difficulty by instruction index (the row position of an annotation in its model's file). */
  public static double[] read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read instruction difficulty " + csv + ": " + e.getMessage());
    }
    List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    double[] out = new double[rows.size()];
    for (String row : rows) {
      String[] f = row.split(",", -1);
      int index = Integer.parseInt(f[0].trim());
      if (index < 0 || index >= out.length) throw new IllegalArgumentException(csv + ": index " + index + " out of range");
      out[index] = Double.parseDouble(f[1].trim());
    }
    return out;
  }

  /** The local copy named by the environment, or null when there is none. */
  static Path locate(Map<String, String> env) {
    String dir = env.get(ENV);
    if (dir == null || dir.isBlank()) return null;
    Path p = Path.of(dir).resolve(RELATIVE);
    return Files.isRegularFile(p) ? p : null;
  }
}

package ai.archon.gateway.bench.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic Arena-Hard judgment and answer files in the official layout
 * ({@code <bench>/model_judgment/<judge>/<model>.jsonl}, {@code <bench>/model_answer/<model>.jsonl}), written by tests.
 */
final class ArenaFiles {
  private ArenaFiles() { }

  /** Writes one model's judgment file: one line per question with the two games' labels (null: no verdict). */
  static Path judgments(Path judgeDir, String model, String baseline, List<String[]> games) throws IOException {
    Files.createDirectories(judgeDir);
    List<String> lines = new ArrayList<>();
    for (int q = 0; q < games.size(); q++) {
      String[] g = games.get(q);
      lines.add("{\"uid\": \"q" + q + "\", \"category\": \"arena-hard-v0.1\", \"judge\": \"gpt-4-1106-preview\","
          + " \"model\": \"" + model + "\", \"baseline\": \"" + baseline + "\", \"games\": [" + game(g[0]) + ", "
          + game(g[1]) + "]}");
    }
    Path file = judgeDir.resolve(model + ".jsonl");
    Files.write(file, lines);
    return file;
  }

  /** Writes a v0.1 answer file whose answers have the given token counts. */
  static void answers(Path answerDir, String model, int... tokenLens) throws IOException {
    Files.createDirectories(answerDir);
    List<String> lines = new ArrayList<>();
    for (int q = 0; q < tokenLens.length; q++) {
      lines.add("{\"question_id\": \"q" + q + "\", \"answer_id\": \"a" + q + "\", \"model_id\": \"" + model + "\","
          + " \"choices\": [{\"index\": 0, \"turns\": [{\"content\": \"...\", \"token_len\": " + tokenLens[q] + "}]}],"
          + " \"tstamp\": 1700000000.0}");
    }
    Files.write(answerDir.resolve(model + ".jsonl"), lines);
  }

  /**
   * Deterministic games for {@code n} questions: labels cycle through every verdict and one unparsable reply, at an
   * offset per model so each model gets a different mix.
   */
  static List<String[]> cycle(int n, int offset) {
    String[] labels = {"A>>B", "A>B", "A=B", "B>A", "B>>A", "B>A", "B>>A", null};
    List<String[]> out = new ArrayList<>();
    for (int q = 0; q < n; q++) {
      out.add(new String[] {labels[(q * 3 + offset) % labels.length], labels[(q * 5 + offset + 1) % labels.length]});
    }
    return out;
  }

  private static String game(String label) {
    return "{\"user_prompt\": \"...\", \"judgment\": \"... [[" + label + "]]\", \"score\": "
        + (label == null ? "null" : "\"" + label + "\"") + "}";
  }
}

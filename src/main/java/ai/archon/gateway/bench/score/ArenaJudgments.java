package ai.archon.gateway.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns Arena-Hard judgment files ({@code model_judgment/<judge>/<model>.jsonl}: per line {@code model}, optionally
 * {@code baseline}, and {@code games}: game 1 with the baseline as Assistant A, game 2 with the answers swapped) into
 * battles, as the official show_result.py does. Each verdict label counts from the model's side; a strong verdict
 * ({@code A>>B}, {@code B>>A}) is worth three games ({@code --weight 3}). v0.1 drops a game with any other label; v2.0
 * also reads {@code A<B}, {@code B=A} and the like, and drops the whole line when either game has no verdict.
 */
final class ArenaJudgments {
  static final int STRONG_WEIGHT = 3;
  /** show_result.py's defaults: v0.1 {@code --baseline gpt-4-0314}; v2.0 hard_prompt/coding/math baseline. */
  static final Map<String, String> DEFAULT_BASELINE = Map.of("arena_hard_v0.1", "gpt-4-0314",
      "arena_hard_v2.0", "o3-mini-2025-01-31");

  /** The battles against one baseline, and how many lines were dropped for lack of a verdict. */
  record Read(Battles battles, String baseline, int droppedGames) { }

  private ArenaJudgments() { }

  static Read read(List<Path> files, String benchmark, String baselineOption) {
    boolean v2 = benchmark.equals("arena_hard_v2.0");
    List<JsonNode> lines = files.stream().flatMap(f -> ScoreJson.readLines(f).stream()).toList();
    String baseline = baseline(lines, benchmark, baselineOption);
    Battles battles = new Battles();
    battles.id(baseline);
    int dropped = 0;
    for (JsonNode line : lines) {
      String model = line.path("model").asText(null);
      if (model == null) throw new IllegalArgumentException("a judgment line has no \"model\"");
      if (v2) model = model.substring(model.lastIndexOf('/') + 1);
      String own = line.path("baseline").asText(baseline);
      if (!own.equals(baseline) || model.equals(baseline)) continue;
      JsonNode games = line.path("games");
      String first = label(games.path(0));
      String second = label(games.path(1));
      if (v2 && (outcome(first, true) < 0 || outcome(second, true) < 0)) {
        dropped += 2;
        continue;
      }
      // game 1: baseline is Assistant A; game 2: the model is Assistant A, so its outcome is seen from the other side
      dropped += add(battles, baseline, model, outcome(first, v2), weight(first)) ? 0 : 1;
      int swapped = outcome(second, v2);
      dropped += add(battles, baseline, model, swapped < 0 ? swapped : flip(swapped), weight(second)) ? 0 : 1;
    }
    return new Read(battles, baseline, dropped);
  }

  /** --baseline, else the one baseline the lines name, else the benchmark's default; several need --baseline. */
  private static String baseline(List<JsonNode> lines, String benchmark, String option) {
    if (option != null) return option;
    Set<String> named = new TreeSet<>();
    lines.forEach(l -> {
      if (l.path("baseline").isTextual()) named.add(l.get("baseline").textValue());
    });
    if (named.size() > 1) {
      throw new IllegalArgumentException("the judgments compare against several baselines " + named
          + "; pick one with --baseline");
    }
    return named.isEmpty() ? DEFAULT_BASELINE.get(benchmark) : named.iterator().next();
  }

  private static boolean add(Battles battles, String baseline, String model, int outcome, int weight) {
    if (outcome < 0) return false;
    battles.add(baseline, model, (byte) outcome, weight);
    return true;
  }

  private static String label(JsonNode game) {
    JsonNode score = game.path("score");
    return score.isTextual() ? score.textValue() : null;
  }

  /** The outcome of a label with the baseline as A: A_WINS, B_WINS, TIE, or -1 when the label is not a verdict. */
  static int outcome(String label, boolean v2) {
    if (label == null) return -1;
    switch (label) {
      case "A>>B": case "A>B": return Battles.A_WINS;
      case "B>>A": case "B>A": return Battles.B_WINS;
      case "A=B": return Battles.TIE;
      default: break;
    }
    if (!v2) return -1;
    switch (label) {
      case "A<<B": case "A<B": return Battles.B_WINS;
      case "B<<A": case "B<A": return Battles.A_WINS;
      case "B=A": return Battles.TIE;
      default: return -1;
    }
  }

  private static int weight(String label) {
    return label != null && (label.contains(">>") || label.contains("<<")) ? STRONG_WEIGHT : 1;
  }

  private static int flip(int outcome) {
    return outcome == Battles.TIE ? outcome : 1 - outcome;
  }
}

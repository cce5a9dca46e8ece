package ai.archon.gateway.bench.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arena-Hard: the Bradley-Terry score equals the closed form, and the bootstrap interval depends only on the seed. */
class ArenaHardScoreTest {
  static final String BASE = "gpt-4-0314";

  @Test
  void scoreIsTheWeightedWinRateAgainstTheBaseline(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("arena-hard-v0.1/model_judgment/gpt-4-1106-preview");
    List<String[]> games = ArenaFiles.cycle(40, 0);
    ArenaFiles.judgments(judge, "model-x", BASE, games);
    ArenaFiles.judgments(judge, "model-y", BASE, ArenaFiles.cycle(40, 3));
    Map<String, ArenaHardScore.Row> rows = score(judge, 20, 42);
    assertEquals(closedForm(games), rows.get("model-x").score(), 1e-9);
    assertEquals(50.0, rows.get(BASE).score(), 1e-12);
    assertEquals(50.0, rows.get(BASE).ciLower(), 1e-12);
    ArenaHardScore.Row x = rows.get("model-x");
    assertTrue(x.ciLower() < x.score() && x.score() < x.ciUpper(), x.toString());
  }

  /** A hand-counted case: 2 strong model wins (3 each), 1 baseline win, 1 tie, 1 unparsable game dropped. */
  @Test
  void strongVerdictsCountThreeTimesAndUnparsableGamesNone(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("model_judgment/judge");
    // game 1: baseline is A; game 2: the model is A
    ArenaFiles.judgments(judge, "m", BASE, List.of(new String[] {"B>>A", "A>>B"}, new String[] {"A>B", "A=B"},
        new String[] {null, "B>A"}));
    // W = 3 + 3, T = 1, N = 3 + 3 + 1 + 1 + 1 (B>A in game 2 is a baseline win)
    assertEquals(100.0 * (6 + 0.5) / 9, score(judge, 10, 42).get("m").score(), 1e-9);
  }

  @Test
  void bootstrapIntervalIsReproducibleForASeed(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("model_judgment/judge");
    ArenaFiles.judgments(judge, "model-x", BASE, ArenaFiles.cycle(60, 1));
    ArenaFiles.judgments(judge, "model-y", BASE, ArenaFiles.cycle(60, 5));
    ArenaHardScore.Row first = score(judge, 50, 42).get("model-x");
    assertEquals(first, score(judge, 50, 42).get("model-x"));
    assertNotEquals(first, score(judge, 50, 7).get("model-x"));
  }

  /** v2.0 reads the mirrored labels and drops a whole line when either game has no verdict. */
  @Test
  void v2ReadsMirroredLabelsAndDropsHalfJudgedLines(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("arena-hard-v2.0/model_judgment/gpt-4.1");
    // game 1: A<<B is a strong model win (3); game 2: B<A means A (the model) wins (1); line 2 is dropped entirely
    ArenaFiles.judgments(judge, "m", "o3-mini-2025-01-31", List.of(new String[] {"A<<B", "B<A"},
        new String[] {"B>>A", null}, new String[] {"B=A", "A>B"}));
    ArenaJudgments.Read read = ArenaJudgments.read(ScoreJson.files(judge, ".jsonl"), "arena_hard_v2.0", null);
    assertEquals("o3-mini-2025-01-31", read.baseline());
    assertEquals(2, read.droppedGames());
    Map<String, ArenaHardScore.Row> rows = ArenaHardScore.score(read.battles(), read.baseline(), 10, 42).stream()
        .collect(Collectors.toMap(ArenaHardScore.Row::model, r -> r));
    // W = 3 + 1 + 1, T = 1, N = 6
    assertEquals(100.0 * (5 + 0.5) / 6, rows.get("m").score(), 1e-9);
  }

  /** A model that wins every game scores 100 (the unregularised optimum is at infinity). */
  @Test
  void aModelThatWinsEveryGameScoresOneHundred(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("model_judgment/judge");
    ArenaFiles.judgments(judge, "winner", BASE, List.of(new String[] {"B>>A", "A>B"}, new String[] {"B>A", "A>>B"}));
    ArenaFiles.judgments(judge, "other", BASE, ArenaFiles.cycle(10, 2));
    ArenaHardScore.Row winner = score(judge, 10, 42).get("winner");
    assertEquals(100.0, winner.score(), 1e-6);
    assertEquals(100.0, winner.ciLower(), 1e-6);
  }

  /** Judgments against two baselines need --baseline; with it, only that baseline's lines count. */
  @Test
  void severalBaselinesNeedTheBaselineOption(@TempDir Path dir) throws IOException {
    Path judge = dir.resolve("model_judgment/judge");
    ArenaFiles.judgments(judge, "m1", "base-1", List.<String[]>of(new String[] {"B>A", "A>B"}));
    ArenaFiles.judgments(judge, "m2", "base-2", List.<String[]>of(new String[] {"A>B", "B>A"}));
    List<Path> files = ScoreJson.files(judge, ".jsonl");
    assertThrows(IllegalArgumentException.class, () -> ArenaJudgments.read(files, "arena_hard_v2.0", null));
    ArenaJudgments.Read read = ArenaJudgments.read(files, "arena_hard_v2.0", "base-2");
    assertEquals(List.of("base-2", "m2"), read.battles().models());
  }

  static Map<String, ArenaHardScore.Row> score(Path judge, int rounds, long seed) {
    ArenaJudgments.Read read = ArenaJudgments.read(ScoreJson.files(judge, ".jsonl"), "arena_hard_v0.1", null);
    return ArenaHardScore.score(read.battles(), read.baseline(), rounds, seed).stream()
        .collect(Collectors.toMap(ArenaHardScore.Row::model, r -> r));
  }

  /** 100 (W + T/2) / N over the model's weighted games, counted directly from the labels. */
  static double closedForm(List<String[]> games) {
    double w = 0;
    double t = 0;
    double n = 0;
    for (String[] g : games) {
      for (int k = 0; k < 2; k++) {
        String label = g[k];
        if (label == null) continue;
        int weight = label.contains(">>") ? 3 : 1;
        boolean modelIsA = k == 1;
        if (label.equals("A=B")) {
          t += weight;
        } else if (label.startsWith("A") == modelIsA) {
          w += weight;
        }
        n += weight;
      }
    }
    return 100 * (w + t / 2) / n;
  }
}

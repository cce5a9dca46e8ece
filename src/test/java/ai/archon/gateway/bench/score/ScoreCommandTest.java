package ai.archon.gateway.bench.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench score ... --format json}: the printed object, parsed and checked, for each benchmark. */
class ScoreCommandTest {
  static final String ALPACA = "benchmarks/judgments/alpaca-eval-2.0/";
  static final List<String> ALPACA_FIELDS = List.of("model", "win_rate", "standard_error", "n_wins", "n_wins_base",
      "n_draws", "n_total", "discrete_win_rate", "avg_length", "length_controlled_winrate", "lc_standard_error");

  @Test
  void alpacaEvalPrintsTheLeaderboardColumns(@TempDir Path dir) throws IOException {
    Path benchmarkDir = dir.resolve("benchmarks");
    Files.createDirectories(benchmarkDir.resolve("alpaca_eval"));
    Files.copy(SharedData.path(ALPACA + "length-control/instruction_difficulty.csv"),
        benchmarkDir.resolve(InstructionDifficulty.RELATIVE));
    JsonNode official = ScoreJson.readTree(SharedData.path(ALPACA + "given/given-scores.json")).get("models");
    List<String> args = new ArrayList<>(List.of("--benchmark", "alpaca_eval", "--format", "json"));
    // both forms: a repeated flag, and several paths after one flag
    List<String> files = new ArrayList<>();
    official.forEach(m -> files.add(SharedData.path(ALPACA + "given/" + m.get("annotations").textValue()).toString()));
    args.addAll(List.of("--annotations", files.get(0), "--annotations", files.get(1), files.get(2), files.get(3)));
    Output out = run(args, Map.of(InstructionDifficulty.ENV, benchmarkDir.toString()));
    assertEquals("alpaca_eval", out.json().get("benchmark").textValue());
    JsonNode models = out.json().get("models");
    assertEquals(4, models.size());
    // ordered by length-controlled win rate, as the leaderboard
    assertEquals("FuseChat-Llama-3.1-8B-Instruct", models.get(0).get("model").textValue());
    for (JsonNode m : models) {
      assertEquals(ALPACA_FIELDS, fieldNames(m));
      JsonNode o = official.get(m.get("model").textValue());
      for (String f : List.of("win_rate", "standard_error", "discrete_win_rate")) {
        assertEquals(o.get(f).doubleValue(), m.get(f).doubleValue(), 1e-6, f);
      }
      for (String f : List.of("n_wins", "n_wins_base", "n_draws", "n_total", "avg_length")) {
        assertEquals(o.get(f).longValue(), m.get(f).longValue(), f);
      }
      assertEquals(o.get("length_controlled_winrate").doubleValue(), m.get("length_controlled_winrate").doubleValue(),
          1.5);
      assertTrue(m.get("lc_standard_error").isNumber());
    }
  }

  @Test
  void alpacaEvalWithoutInstructionDifficultyLeavesLengthControlNull(@TempDir Path dir) throws IOException {
    String file = SharedData.path(ALPACA + "given/alpaca-7b/weighted_alpaca_eval_gpt4_turbo").toString();
    Output out = run(List.of("--benchmark", "alpaca_eval", "--annotations", file, "--format", "json"),
        Map.of(InstructionDifficulty.ENV, dir.toString()));
    JsonNode m = out.json().get("models").get(0);
    assertEquals("alpaca-7b", m.get("model").textValue());
    assertTrue(m.get("length_controlled_winrate").isNull());
    assertTrue(out.err().contains(InstructionDifficulty.RELATIVE), out.err());
  }

  @Test
  void mtBenchPrintsScoreTurnsAndCategories() throws IOException {
    String dir = "benchmarks/judgments/mt-bench/format-fixture/";
    Output out = run(List.of("--benchmark", "mt_bench", "--judgments", SharedData.path(dir + "gpt-4_single.jsonl")
        .toString(), "--format", "json"), Map.of("ARCHON_BENCHMARK_DIR", SharedData.path("benchmarks").toString()));
    JsonNode expected = ScoreJson.readTree(SharedData.path(dir + "fixture-scores.json"));
    JsonNode m = out.json().get("models").get(0);
    assertEquals(List.of("model", "score", "turn_1", "turn_2", "categories"), fieldNames(m));
    assertEquals(expected.at("/show_result_single/average").doubleValue(), m.get("score").doubleValue(), 1e-12);
    assertEquals(expected.at("/show_result_single/first_turn").doubleValue(), m.get("turn_1").doubleValue(), 1e-12);
    assertEquals(expected.at("/show_result_single/second_turn").doubleValue(), m.get("turn_2").doubleValue(), 1e-12);
    assertEquals(expected.get("per_category_mean_all_turns_computed_here"), m.get("categories"));
  }

  /**
   * Four synthetic models judged against the baseline, written in the official layout with answer files. The expected
   * numbers were printed by show_result.py's v0.1 algorithm (pandas, scikit-learn LogisticRegression, np.random.seed(42),
   * 100 rounds) on the same files read in name order; scikit-learn's tolerance allows the last digits to differ.
   */
  @Test
  void arenaHardReproducesShowResultOnTheSameFiles(@TempDir Path dir) throws IOException {
    Path bench = dir.resolve("arena-hard-v0.1");
    Path judge = bench.resolve("model_judgment/gpt-4-1106-preview");
    int[] offsets = {0, 3, 6, 2};
    for (int k = 0; k < 4; k++) {
      String model = "model-" + (char) ('a' + k);
      int n = k == 3 ? 100 : 120;
      List<String[]> games = ArenaFiles.cycle(n, offsets[k]);
      if (k == 3) for (int q = 0; q < n; q += 4) games.set(q, new String[] {"B>>A", "A>>B"});
      ArenaFiles.judgments(judge, model, "gpt-4-0314", games);
      int[] tokens = new int[n];
      for (int q = 0; q < n; q++) tokens[q] = 100 + q * 7 % 13;
      ArenaFiles.answers(bench.resolve("model_answer"), model, tokens);
    }
    Output out = run(List.of("--benchmark", "arena_hard_v0.1", "--judgments", judge.toString(), "--format", "json"),
        Map.of());
    JsonNode models = out.json().get("models");
    assertEquals(5, models.size());
    JsonNode d = models.get(0);
    assertEquals(List.of("model", "score", "ci_lower", "ci_upper", "avg_tokens"), fieldNames(d));
    assertEquals("model-d", d.get("model").textValue());
    assertEquals(65.41262141321397, d.get("score").doubleValue(), 1e-6);
    assertEquals(61.67680795688249, d.get("ci_lower").doubleValue(), 0.01);
    assertEquals(69.34174943326992, d.get("ci_upper").doubleValue(), 0.01);
    assertEquals(105, d.get("avg_tokens").intValue());
    JsonNode a = models.get(2);
    assertEquals("model-a", a.get("model").textValue());
    assertEquals(45.43714070208111, a.get("ci_lower").doubleValue(), 0.01);
    assertEquals(54.79700252588858, a.get("ci_upper").doubleValue(), 0.01);
    JsonNode baseline = models.get(1);
    assertEquals("gpt-4-0314", baseline.get("model").textValue());
    assertEquals(50.0, baseline.get("score").doubleValue(), 1e-12);
    assertTrue(baseline.get("avg_tokens").isNull());
    assertTrue(out.err().contains("102 games without a verdict"), out.err());
  }

  @Test
  void benchDispatchesScore() throws IOException {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      String file = SharedData.path("benchmarks/judgments/mt-bench/format-fixture/gpt-4_single.jsonl").toString();
      assertEquals(0, BenchCommand.run(new String[] {"score", "--benchmark", "mt_bench", "--judgments", file},
          Map.of("ARCHON_BENCHMARK_DIR", SharedData.path("benchmarks").toString())));
    } finally {
      System.setOut(saved);
    }
    String table = buf.toString(StandardCharsets.UTF_8);
    assertTrue(table.startsWith("model "), table);
    assertTrue(table.contains("archon-1-110F-2-110M |  8.60 |   9.27 |   7.91"), table);
  }

  @Test
  void rejectsArgumentsThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> ScoreOptions.parse(new String[] {"--benchmark", "mmlu"}));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreOptions.parse(new String[] {"--benchmark", "alpaca_eval", "--judgments", "x"}));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreOptions.parse(new String[] {"--benchmark", "mt_bench", "--annotations", "x"}));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreOptions.parse(new String[] {"--benchmark", "mt_bench", "--judgments", "x", "--baseline", "b"}));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreOptions.parse(new String[] {"--benchmark", "arena_hard_v0.1", "--judgments", "x", "--seed", "-1"}));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreOptions.parse(new String[] {"--benchmark", "arena_hard_v0.1", "--judgments", "x", "--format", "csv"}));
    ScoreOptions o = ScoreOptions.parse(new String[] {"--benchmark", "arena_hard_v2.0", "--judgments", "j"});
    assertEquals(100, o.bootstrap());
    assertEquals(42, o.seed());
    assertEquals("table", o.format());
  }

  record Output(JsonNode json, String err) { }

  static Output run(List<String> args, Map<String, String> env) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ScoreCommand.run(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    return new Output(ScoreJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

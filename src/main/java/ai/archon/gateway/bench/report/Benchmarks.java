package ai.archon.gateway.bench.report;

import java.util.List;
import java.util.Map;

/** What the report knows about each benchmark: its display name and the score that ranks its leaderboard. */
final class Benchmarks {
  static final String ALPACA_EVAL = "alpaca_eval";
  static final String ARENA_HARD_V01 = "arena_hard_v0.1";
  static final String ARENA_HARD_V2 = "arena_hard_v2.0";
  static final String MT_BENCH = "mt_bench";
  /** {@code bench --benchmark jsonl}: answer files only, never scored. */
  static final String JSONL = "jsonl";

  /** The benchmarks {@code bench score} scores, in the order the report shows them. */
  static final List<String> SCORED = List.of(ALPACA_EVAL, ARENA_HARD_V2, ARENA_HARD_V01, MT_BENCH);

  /** FastChat's MT-Bench categories in the order its plots use. */
  static final List<String> MT_BENCH_CATEGORIES = List.of("writing", "roleplay", "reasoning", "math", "coding",
      "extraction", "stem", "humanities");

  private static final Map<String, String> TITLES = Map.of(
      ALPACA_EVAL, "AlpacaEval 2.0", ARENA_HARD_V01, "Arena-Hard-Auto v0.1", ARENA_HARD_V2, "Arena-Hard v2.0",
      MT_BENCH, "MT-Bench", JSONL, "custom JSONL");

  private Benchmarks() { }

  static String title(String benchmark) {
    return TITLES.getOrDefault(benchmark, benchmark);
  }

  static boolean isArenaHard(String benchmark) {
    return benchmark.equals(ARENA_HARD_V01) || benchmark.equals(ARENA_HARD_V2);
  }

  /** The field the leaderboard is sorted by: the length-controlled win rate is AlpacaEval 2.0's headline number. */
  static String primaryField(String benchmark) {
    return benchmark.equals(ALPACA_EVAL) ? "length_controlled_winrate" : "score";
  }
}

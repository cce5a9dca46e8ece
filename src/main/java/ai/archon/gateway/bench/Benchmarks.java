package ai.archon.gateway.bench;

import java.util.List;

/** The benchmarks {@code --benchmark} can name. */
public final class Benchmarks {
  static final List<String> NAMES = List.of("alpaca_eval", "arena_hard_v0.1", "arena_hard_v2.0", "mt_bench", "jsonl");

  private Benchmarks() { }

  public static Benchmark of(String name) {
    switch (name) {
      case "alpaca_eval": return new AlpacaEval();
      case "arena_hard_v0.1": return new ArenaHardV01();
      case "arena_hard_v2.0": return new ArenaHardV2();
      case "mt_bench": return new MtBench();
      case "jsonl": return new CustomJsonl();
      default: throw new IllegalArgumentException("unknown benchmark '" + name + "' (one of " + String.join(", ", NAMES) + ")");
    }
  }
}

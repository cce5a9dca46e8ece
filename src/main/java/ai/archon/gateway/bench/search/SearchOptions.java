package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.Benchmarks;
import ai.archon.gateway.bench.BenchOptions;
import ai.archon.gateway.cli.CommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code search} command line: {@code --questions FILE|--benchmark B --models LIST --judge MODEL
 * [--baseline PATH] --budget-usd X | --budget-calls N [--max-latency-layers L] [--max-cost-per-query Y] [--out DIR]
 * [--resume]}. With {@code --questions} alone the file is in MT-Bench's format; with both, in {@code B}'s.
 */
record SearchOptions(String benchmark, Scoring scoring, List<ModelRef> models, Limits limits, Path out,
    boolean resume) {
  static final String USAGE = "search --questions FILE|--benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench"
      + " --models LIST --judge MODEL [--baseline PATH] --budget-usd X | --budget-calls N [--max-latency-layers L]"
      + " [--max-cost-per-query Y] [--out DIR] [--resume]";
  static final List<String> BENCHMARKS = List.of("alpaca_eval", "arena_hard_v0.1", "arena_hard_v2.0", "mt_bench");
  private static final Set<String> VALUED = Set.of("questions", "benchmark", "models", "judge", "baseline",
      "budget-usd", "budget-calls", "max-latency-layers", "max-cost-per-query", "out");

  /** Parses the arguments after {@code search}; unknown options are errors. */
  static SearchOptions parse(String[] args) {
    CommandLine cli = BenchOptions.commandLine("search", args, VALUED, Set.of("resume"));
    Map<String, String> o = cli.options();
    if (!o.containsKey("questions") && !o.containsKey("benchmark")) {
      throw new IllegalArgumentException("search needs --questions FILE or --benchmark B (the development questions)");
    }
    String benchmark = o.getOrDefault("benchmark", "mt_bench");
    Benchmarks.of(benchmark);
    if (!BENCHMARKS.contains(benchmark)) {
      throw new IllegalArgumentException("search: the objective is a judged benchmark's score, one of "
          + String.join(", ", BENCHMARKS) + ", got '" + benchmark + "'");
    }
    List<ModelRef> models = models(required(o, "models"));
    String judge = required(o, "judge");
    Path baseline = o.containsKey("baseline") ? Path.of(o.get("baseline")) : null;
    if (benchmark.startsWith("arena_hard") && baseline == null) {
      throw new IllegalArgumentException("search --benchmark " + benchmark + " needs --baseline PATH (as bench judge)");
    }
    if (benchmark.equals("mt_bench") && baseline != null) {
      throw new IllegalArgumentException("--baseline does not apply to mt_bench (single-answer grading)");
    }
    int layers = o.containsKey("max-latency-layers") ? (int) number(o, "max-latency-layers", 1) : Integer.MAX_VALUE;
    double maxCost = o.containsKey("max-cost-per-query") ? number(o, "max-cost-per-query", 0) : Double.POSITIVE_INFINITY;
    Scoring scoring = new Scoring(o.containsKey("questions") ? Path.of(o.get("questions")) : null, judge, baseline);
    return new SearchOptions(benchmark, scoring, models, new Limits(budget(o), layers, maxCost),
        Path.of(o.getOrDefault("out", "search-out")), o.containsKey("resume"));
  }

  /** How the architectures are scored: on the development questions (a file, or the benchmark's), by the judge. */
  record Scoring(Path questions, String judge, Path baseline) { }

  /** How far the search may go: its budget, the most layers and the most cost per query of the architecture chosen. */
  record Limits(Budget budget, int maxLayers, double maxCostPerQuery) { }

  Budget budget() { return limits.budget(); }

  int maxLayers() { return limits.maxLayers(); }

  double maxCostPerQuery() { return limits.maxCostPerQuery(); }

  /** What the search may spend on upstream calls: US dollars (from {@code price_per_mtok}) or a number of calls. */
  record Budget(Double usd, Long calls) {
    boolean spent(double usdSpent, long callsMade) {
      return usd != null ? usdSpent >= usd : callsMade >= calls;
    }

    @Override
    public String toString() {
      return usd != null ? String.format(java.util.Locale.ROOT, "$%.4f", usd) : calls + " calls";
    }
  }

  private static Budget budget(Map<String, String> o) {
    boolean usd = o.containsKey("budget-usd");
    boolean calls = o.containsKey("budget-calls");
    if (usd == calls) throw new IllegalArgumentException("search needs exactly one of --budget-usd X and --budget-calls N");
    if (usd) return new Budget(number(o, "budget-usd", 0), null);
    double n = number(o, "budget-calls", 1);
    if (n != Math.rint(n)) throw new IllegalArgumentException("--budget-calls must be a whole number, got '"
        + o.get("budget-calls") + "'");
    return new Budget(null, (long) n);
  }

  private static List<ModelRef> models(String list) {
    Set<ModelRef> models = new LinkedHashSet<>();
    for (String s : list.split(",")) {
      if (!s.isBlank()) models.add(ModelRef.parse(s));
    }
    if (models.isEmpty()) throw new IllegalArgumentException("--models needs at least one <model_type>/<model>");
    return new ArrayList<>(models);
  }

  private static double number(Map<String, String> o, String name, double min) {
    String v = o.get(name);
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= min) || Double.isInfinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number of at least " + (long) min + ", got '" + v + "'");
    }
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("search needs --" + name);
    return v;
  }
}

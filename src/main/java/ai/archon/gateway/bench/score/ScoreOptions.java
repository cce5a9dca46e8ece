package ai.archon.gateway.bench.score;

import ai.archon.gateway.cli.CommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bench score} command line: {@code --benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench
 * (--annotations PATH... | --judgments PATH) [--baseline NAME] [--bootstrap N] [--seed S] [--format table|json]}.
 * {@code --annotations} may be repeated and may take several paths (one annotations file per model).
 */
public record ScoreOptions(String benchmark, List<Path> annotations, Path judgments, String baseline,
    Resampling resampling, String format) {
  public static final Set<String> BENCHMARKS = Set.of("alpaca_eval", "arena_hard_v0.1", "arena_hard_v2.0", "mt_bench");
  /** The official show_result.py's {@code --num-rounds} default and {@code np.random.seed(42)}. */
  public static final int DEFAULT_BOOTSTRAP = 100;
  public static final long DEFAULT_SEED = 42;
  private static final Set<String> VALUED = Set.of("benchmark", "judgments", "baseline", "bootstrap", "seed", "format");
  private static final String ANNOTATIONS = "--annotations";

  /** The bootstrap of the confidence intervals: how many rounds, from which seed. */
  public record Resampling(int rounds, long seed) { }

  public int bootstrap() { return resampling.rounds(); }

  public long seed() { return resampling.seed(); }

  public static ScoreOptions parse(String[] args) {
    List<Path> annotations = new ArrayList<>();
    List<String> rest = new ArrayList<>(List.of("bench"));
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith(ANNOTATIONS + "=")) {
        annotations.add(Path.of(a.substring(ANNOTATIONS.length() + 1)));
      } else if (a.equals(ANNOTATIONS)) {
        int before = annotations.size();
        while (i + 1 < args.length && !args[i + 1].startsWith("--")) annotations.add(Path.of(args[++i]));
        if (annotations.size() == before) throw new IllegalArgumentException("--annotations needs a value");
      } else {
        rest.add(a);
      }
    }
    CommandLine cli = CommandLine.parse(rest.toArray(String[]::new), VALUED, Set.of());
    if (!cli.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + cli.positional().get(0));
    Map<String, String> o = cli.options();
    String benchmark = o.get("benchmark");
    if (benchmark == null || !BENCHMARKS.contains(benchmark)) {
      throw new IllegalArgumentException("bench score needs --benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench"
          + (benchmark == null ? "" : ", got '" + benchmark + "'"));
    }
    Path judgments = o.containsKey("judgments") ? Path.of(o.get("judgments")) : null;
    boolean alpaca = benchmark.equals("alpaca_eval");
    if (alpaca && (judgments != null || annotations.isEmpty())) {
      throw new IllegalArgumentException("alpaca_eval is scored from --annotations PATH (one annotations.json per model)");
    }
    if (!alpaca && (judgments == null || !annotations.isEmpty())) {
      throw new IllegalArgumentException(benchmark + " is scored from --judgments PATH (a judgment file or folder)");
    }
    if (benchmark.equals("mt_bench") && o.containsKey("baseline")) {
      throw new IllegalArgumentException("--baseline does not apply to mt_bench (single-answer grading)");
    }
    String format = o.getOrDefault("format", "table");
    if (!format.equals("table") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
    }
    int bootstrap = (int) number(o, "bootstrap", DEFAULT_BOOTSTRAP, 1, 100_000);
    long seed = number(o, "seed", DEFAULT_SEED, 0, 0xFFFF_FFFFL);
    return new ScoreOptions(benchmark, List.copyOf(annotations), judgments, o.get("baseline"),
        new Resampling(bootstrap, seed), format);
  }

  /** A whole-number option within [min, max] (the seed is NumPy's: 0 .. 2^32-1). */
  private static long number(Map<String, String> o, String name, long fallback, long min, long max) {
    String v = o.get(name);
    if (v == null) return fallback;
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max + ", got '"
          + v + "'");
    }
  }
}

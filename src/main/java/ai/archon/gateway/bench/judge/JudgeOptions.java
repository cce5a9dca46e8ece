package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.BenchOptions;
import ai.archon.gateway.cli.CommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bench judge} command line: {@code --benchmark B --answers PATH --judge MODEL [--baseline PATH]
 * [--configs DIR [--settings FILE] | --base-url URL [--api-key KEY]] [--judge-prompt FILE] [--questions FILE]
 * [--parallel 16] [--limit N] [--resume]}.
 */
record JudgeOptions(Path answers, Path baseline, Path judgePrompt, Path questions, BenchOptions connection) {
  static final List<String> BENCHMARKS = List.of("alpaca_eval", "arena_hard_v0.1", "arena_hard_v2.0", "mt_bench");
  private static final Set<String> VALUED = Set.of("benchmark", "answers", "judge", "baseline", "configs", "settings",
      "base-url", "api-key", "judge-prompt", "questions", "parallel", "limit");

  /** Parses the arguments after {@code bench judge}; unknown options are errors. */
  static JudgeOptions parse(String[] args, Map<String, String> env) {
    CommandLine cli = BenchOptions.commandLine("bench", args, VALUED, Set.of("resume"));
    Map<String, String> o = cli.options();
    String benchmark = required(o, "benchmark");
    if (!BENCHMARKS.contains(benchmark)) {
      throw new IllegalArgumentException("bench judge: unknown benchmark '" + benchmark + "' (one of "
          + String.join(", ", BENCHMARKS) + ")");
    }
    Path answers = Path.of(required(o, "answers"));
    String judge = required(o, "judge");
    // The judge is reached as bench reaches a model, so the connection flags are bench's own.
    List<String> connection = new ArrayList<>(List.of("--benchmark", benchmark, "--model", judge));
    for (String name : List.of("configs", "settings", "base-url", "api-key", "parallel", "limit")) {
      if (o.containsKey(name)) connection.addAll(List.of("--" + name, o.get(name)));
    }
    if (o.containsKey("resume")) connection.add("--resume");
    return new JudgeOptions(answers, path(o, "baseline"), path(o, "judge-prompt"), path(o, "questions"),
        BenchOptions.parse(connection.toArray(String[]::new), env));
  }

  /** The benchmark judged: bench's {@code --benchmark}, as the connection was parsed with it. */
  String benchmark() { return connection.benchmark(); }

  /** The judge model: the connection's model. */
  String judge() { return connection.model(); }

  /** The judge's name in file names and records: path separators made safe, as bench names models. */
  String judgeId() {
    return connection.modelId();
  }

  int parallel() { return connection.parallel(); }

  int limit() { return connection.limit(); }

  boolean resume() { return connection.resume(); }

  private static Path path(Map<String, String> o, String name) {
    return o.containsKey(name) ? Path.of(o.get(name)) : null;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("bench judge needs --" + name);
    return v;
  }
}

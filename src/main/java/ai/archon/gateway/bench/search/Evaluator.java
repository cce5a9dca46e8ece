package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.bench.BenchOptions;
import ai.archon.gateway.bench.Benchmark;
import ai.archon.gateway.bench.Benchmarks;
import ai.archon.gateway.bench.CommandEnv;
import ai.archon.gateway.bench.judge.JudgeCommand;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.JsonIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scores one architecture on the first n development questions with the project's own commands, every chat call
 * through the search's {@link CachedCalls}: its config is written to {@code configs/<id>/} and loaded by the same
 * loader as {@code validate} (a config it rejects is never run), {@code bench} answers the questions in process
 * ({@code --limit n --resume}: a promoted architecture answers only the questions it has not answered yet),
 * {@code bench judge} judges them ({@code --resume}) and {@code bench score} scores them ({@link Objective}). The
 * commands' own output goes to {@code search.log}.
 */
record Evaluator(SearchOptions opts, Inputs in, CallCache cache, CommandEnv commands) {

  /** What every evaluation shares: the loader, the prices, the settings file and the development questions. */
  record Inputs(ConfigLoader loader, Prices prices, Path settingsFile, Path devQuestions, List<Integer> turns) { }

  /** What one evaluation found, before the search adds its running totals. */
  record Result(Objective.Scored scored, long queries, double usd, long calls) { }

  /** Where bench writes answers and judgments ({@code <out>/runs}). */
  Path runs() {
    return opts.out().resolve("runs");
  }

  /** Writes and validates {@code a}'s config; the path of the file. */
  Path writeConfig(Architecture a) {
    Path file = opts.out().resolve("configs").resolve(a.id()).resolve(a.id() + ".json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JsonIo.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(a.config(a.id())) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoadReport report = in.loader().loadPaths(List.of(file), in.settingsFile());
    if (!report.errors().isEmpty() || report.ensembles().isEmpty()) {
      throw new IllegalStateException("the search made a config that validate rejects (" + file + "): "
          + report.errors().stream().map(ConfigProblem::format).collect(Collectors.joining("; ")));
    }
    return file;
  }

  /**
   * Answers (the questions from {@code fromQuestion} on), judges and scores {@code a} on the first {@code questions}
   * development questions. Costs and calls cover the questions answered now, so a promotion adds to the last rung's.
   */
  Result evaluate(Architecture a, int fromQuestion, int questions) {
    Path config = writeConfig(a);
    String name = a.id();
    Benchmark benchmark = Benchmarks.of(opts.benchmark());
    CallMeter answering = new CallMeter();
    List<String> bench = new ArrayList<>(List.of("--benchmark", opts.benchmark(), "--model", name, "--configs",
        config.getParent().toString(), "--questions", in.devQuestions().toString(), "--output-dir", runs().toString(),
        "--limit", Integer.toString(questions), "--resume"));
    int code = BenchCommand.run(BenchOptions.parse(bench.toArray(String[]::new), commands.env()), commands,
        new CachedCalls(cache, in.prices(), answering));
    cache.flush();
    if (code != 0) throw new IllegalStateException("bench could not answer every question with " + name + " (see search.log)");
    CallMeter judging = new CallMeter();
    code = JudgeCommand.run(judgeArgs(benchmark.answerFile(runs(), name)), commands,
        new CachedCalls(cache, in.prices(), judging));
    cache.flush();
    if (code != 0) throw new IllegalStateException("bench judge could not judge every answer of " + name + " (see search.log)");
    String judgeId = opts.scoring().judge().replace('/', '_').replace('\\', '_');
    Objective.Scored scored = Objective.score(opts.benchmark(), runs().resolve(opts.benchmark()), judgeId, name, commands.env(),
        commands.err());
    long queries = 0;
    for (int i = fromQuestion; i < questions; i++) queries += Math.max(1, in.turns().get(i));
    return new Result(scored, queries, answering.usd(), answering.calls());
  }

  private String[] judgeArgs(Path answers) {
    List<String> args = new ArrayList<>(List.of("--benchmark", opts.benchmark(), "--answers", answers.toString(),
        "--judge", opts.scoring().judge(), "--configs", judgeConfigs().toString(), "--resume"));
    if (!opts.benchmark().equals("alpaca_eval")) args.addAll(List.of("--questions", in.devQuestions().toString()));
    Path baseline = opts.scoring().baseline();
    if (baseline != null) args.addAll(List.of("--baseline", baseline.toString()));
    return args.toArray(String[]::new);
  }

  /** The judge is found as bench finds a model: in the gateway's configs when there are some, else by its name. */
  private Path judgeConfigs() {
    Path configs = Path.of(commands.env().getOrDefault("ARCHON_CONFIGS", "gateway-configs"));
    return Files.isDirectory(configs) ? configs : opts.out().resolve("configs");
  }
}

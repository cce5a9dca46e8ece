package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.bench.CommandEnv;
import ai.archon.gateway.bench.DataUnavailableException;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.spi.Extensions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code search}: finds the Archon architecture over {@code --models} that scores best on a benchmark's development
 * questions (judged by {@code --judge} with the official prompt and scored as the official scripts do) within the
 * limits on cost per query and sequential layers, spending at most the budget (plus at most one evaluation) on
 * upstream calls. The optimiser is {@link Halving}; every call goes through one {@link CallCache}. Writes
 * {@code best.json}, {@code architectures.jsonl}, {@code search.json} and {@code report.html} in {@code --out}, a
 * progress line per evaluation to stderr and a summary to stdout. Exit code 0 when a best architecture was found, 1
 * when none could be scored within the limits, 2 for a wrong flag or unavailable data.
 */
public final class SearchCommand {
  public static final String USAGE = SearchOptions.USAGE;

  private SearchCommand() { }

  /** Runs with the arguments after {@code search}. */
  public static int run(String[] args, Map<String, String> env) {
    return run(SearchOptions.parse(args), env, System.out, System.err, BenchCommand.RETRY_DELAY_MS);
  }

  static int run(SearchOptions opts, Map<String, String> env, PrintStream out, PrintStream err, long retryDelayMs) {
    String settingsName = env.get("ARCHON_SETTINGS");
    Path settingsFile = settingsName == null || settingsName.isBlank() ? null : Path.of(settingsName);
    Extensions extensions = Extensions.fromClassPath();
    Settings settings = SettingsLoader.load(settingsFile, env, extensions);
    ConfigLoader loader = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, extensions);
    SearchRecord record = SearchRecord.open(opts);
    Path dev;
    try {
      dev = DevQuestions.prepare(opts, env, err);
    } catch (DataUnavailableException e) {
      err.println("search: " + e.getMessage());
      return 2;
    }
    List<Integer> turns = DevQuestions.turns(opts.benchmark(), dev);
    List<Architecture> space = SearchSpace.enumerate(opts.models(), opts.maxLayers());
    if (space.isEmpty()) throw new IllegalArgumentException("no architecture has at most " + opts.maxLayers() + " layers");
    Halving halving = new Halving(space, opts.models(), Halving.rungs(turns.size()), opts.maxCostPerQuery());
    try (CallCache cache = CallCache.open(opts.out().resolve("calls.jsonl"));
         PrintStream log = new PrintStream(Files.newOutputStream(opts.out().resolve("search.log"),
             StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
      Evaluator evaluator = new Evaluator(opts, new Evaluator.Inputs(loader, settings.prices(), settingsFile, dev,
          turns), cache, CommandEnv.logged(env, log, retryDelayMs));
      String stopped = loop(opts, halving, evaluator, record, cache, err);
      record.finish(halving, space.size(), stopped, cache);
      out.print(record.summary());
      return record.best() == null ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Evaluates step after step until the budget is spent or the optimiser has converged; says which. */
  private static String loop(SearchOptions opts, Halving halving, Evaluator evaluator, SearchRecord record,
      CallCache cache, PrintStream err) {
    while (true) {
      if (opts.budget().spent(record.spentUsd(cache), record.spentCalls(cache))) return "budget";
      Halving.Step step = halving.next(record.evaluations());
      if (step == null) return "converged";
      Architecture a = step.architecture();
      int questions = halving.rungs()[step.rung()];
      int from = step.rung() == 0 ? 0 : halving.rungs()[step.rung() - 1];
      try {
        Evaluator.Result r = evaluator.evaluate(a, from, questions);
        Evaluation e = record.add(a, step.rung(), questions, r, cache);
        err.println(record.progress(e, opts.budget(), cache));
      } catch (IllegalStateException | IllegalArgumentException e) {
        halving.failed(a.id());
        err.println("search: " + a.id() + " (" + a.describe() + ") left out: " + e.getMessage());
      }
    }
  }
}

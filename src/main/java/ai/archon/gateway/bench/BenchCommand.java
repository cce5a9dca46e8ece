package ai.archon.gateway.bench;

import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.bench.judge.JudgeCommand;
import ai.archon.gateway.bench.report.ReportCommand;
import ai.archon.gateway.bench.score.ScoreCommand;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.spi.Extensions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code bench}: answers a benchmark's questions with one model (in process from the configs, or over HTTP from any
 * OpenAI-compatible base URL) and writes the answer file its official judge reads. Exit code 0 when every question
 * is answered, 1 when some failed (their answers are missing; the rest are kept; rerun with {@code --resume}), 2 when
 * the official question set can be neither found nor downloaded (the message says how to pass a local copy).
 */
public final class BenchCommand {
  public static final int ATTEMPTS = 3;
  public static final long RETRY_DELAY_MS = 2_000;
  public static final long PLAIN_PROGRESS_EVERY_MS = 10_000;

  private BenchCommand() { }

  /**
   * Runs {@code bench} with the arguments after the command; progress goes to stderr, the summary to stdout.
   * {@code bench score ...} scores judged answers instead ({@link ScoreCommand}), {@code bench judge ...} judges
   * answer files ({@link JudgeCommand}), {@code bench report ...} draws the HTML page ({@link ReportCommand}).
   */
  public static int run(String[] args, Map<String, String> env) {
    if (args.length > 0 && args[0].equals("score")) {
      return ScoreCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env);
    }
    if (args.length > 0 && args[0].equals("judge")) {
      return JudgeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), CommandEnv.system(env),
          UnaryOperator.identity());
    }
    if (args.length > 0 && args[0].equals("report")) {
      return ReportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
    }
    return run(BenchOptions.parse(args, env), CommandEnv.system(env), UnaryOperator.identity());
  }

  static int run(BenchOptions opts, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal,
      long retryDelayMs) {
    return run(opts, new CommandEnv(env, out, err, terminal, retryDelayMs), UnaryOperator.identity());
  }

  /**
   * As {@code bench} with parsed options, with {@code calls} wrapped around every chat adapter of the in-process
   * model (the architecture search passes its reply cache here).
   */
  public static int run(BenchOptions opts, CommandEnv cmd, UnaryOperator<ChatProvider> calls) {
    Benchmark benchmark = Benchmarks.of(opts.benchmark());
    List<Question> questions;
    try {
      questions = benchmark.read(questionFile(benchmark, opts, cmd));
    } catch (DataUnavailableException e) {
      cmd.err().println("bench: " + e.getMessage());
      return 2;
    }
    requireUniqueKeys(questions);
    if (questions.size() > opts.limit()) questions = questions.subList(0, opts.limit());
    String modelId = opts.modelId();
    List<Question> asked = questions;
    return withAnswerer(opts, cmd.env(), calls, (vertx, answerer) -> {
      try (AnswerLog log = AnswerLog.open(benchmark.progressFile(opts.outputDir(), modelId), opts.resume(),
          benchmark::keyOf)) {
        List<Question> pending = asked.stream().filter(q -> !log.kept().containsKey(q.key())).toList();
        RunStats stats = new RunStats(asked.size(), asked.size() - pending.size());
        Runner runner = new Runner(answerer, new Runner.Recording(benchmark, modelId, log), opts.parallel(),
            new Retries(vertx, ATTEMPTS, cmd.retryDelayMs(), stats));
        runOnContext(vertx, new Progress(cmd.err(), cmd.terminal(), stats, pending.size()), () -> runner.run(pending));
        benchmark.finish(log, asked, opts.outputDir(), modelId);
        Summary.print(cmd.out(), benchmark.name(), modelId, stats, benchmark.answerFile(opts.outputDir(), modelId));
        return stats.failed() == 0 ? 0 : 1;
      }
    });
  }

  /** What a command does with a model's answerer (it may write files). */
  public interface AnswererJob {
    int run(Vertx vertx, Answerer answerer) throws IOException;
  }

  /**
   * Creates a Vert.x instance and the answerer for {@code opts.model()}, runs {@code job} and closes both whatever
   * happens; returns the job's exit code (also for {@code bench judge}, whose answerer is its judge).
   */
  public static int withAnswerer(BenchOptions opts, Map<String, String> env, AnswererJob job) {
    return withAnswerer(opts, env, UnaryOperator.identity(), job);
  }

  /** As {@link #withAnswerer(BenchOptions, Map, AnswererJob)}, with {@code calls} around the chat adapters. */
  public static int withAnswerer(BenchOptions opts, Map<String, String> env, UnaryOperator<ChatProvider> calls,
      AnswererJob job) {
    Vertx vertx = Vertx.vertx();
    Answerer answerer = null;
    try {
      answerer = answerer(vertx, opts, env, calls);
      return job.run(vertx, answerer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (answerer != null) answerer.close();
      vertx.close().await();
    }
  }

  /** {@code --settings}, else {@code gateway.json} in the configs folder, else none. */
  public static Path settingsFile(BenchOptions opts) {
    BenchOptions.Endpoint at = opts.endpoint();
    if (at.settings() == null && Files.isRegularFile(at.configs().resolve("gateway.json"))) {
      return at.configs().resolve("gateway.json");
    }
    return at.settings();
  }

  /**
   * Runs {@code work} on one context (the pipeline's call contexts are single-threaded by design) with the progress
   * shown, and waits for the end (also for {@code bench judge}).
   */
  public static void runOnContext(Vertx vertx, Progress progress, Supplier<Future<?>> work) {
    Promise<Void> finished = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      long timer = progress.start(vertx, PLAIN_PROGRESS_EVERY_MS);
      work.get().onComplete(ar -> {
        progress.stop(vertx, timer);
        finished.handle(ar.mapEmpty());
      });
    });
    finished.future().await();
  }

  /** {@code --questions FILE}, else the benchmark's official set (local folder, cache, or downloaded now). */
  private static Path questionFile(Benchmark benchmark, BenchOptions opts, CommandEnv cmd) {
    if (opts.questions() != null) return opts.questions();
    PinnedFile set = benchmark.questionSet();
    if (set == null) throw new IllegalArgumentException("--benchmark " + benchmark.name() + " needs --questions FILE");
    return PinnedFiles.fromEnv(cmd.env(), cmd.err(), cmd.terminal()).locate(set, "--questions FILE");
  }

  /** Answers are found again (resume, ordering) by their question's key, so two questions may not share one. */
  static void requireUniqueKeys(List<Question> questions) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Question q : questions) {
      if (!seen.add(q.key())) throw new IllegalArgumentException("two questions have the id " + q.key());
    }
  }

  /**
   * The answerer for {@code opts.model()}: over HTTP with a base URL, else in process from the configs and settings
   * (also used by {@code bench judge} for its judge).
   */
  public static Answerer answerer(Vertx vertx, BenchOptions opts, Map<String, String> env) {
    return answerer(vertx, opts, env, UnaryOperator.identity());
  }

  /**
   * As {@link #answerer(Vertx, BenchOptions, Map)}, with {@code calls} wrapped around every chat adapter the
   * in-process model calls (not applied over HTTP, where the calls are the server's).
   */
  public static Answerer answerer(Vertx vertx, BenchOptions opts, Map<String, String> env,
      UnaryOperator<ChatProvider> calls) {
    BenchOptions.Endpoint at = opts.endpoint();
    if (at.baseUrl() != null) return new HttpAnswerer(vertx, at.baseUrl(), opts.model(), at.apiKey(), opts.parallel());
    Path settingsFile = settingsFile(opts);
    Extensions extensions = Extensions.fromClassPath();
    Settings settings = SettingsLoader.load(settingsFile, env, extensions);
    if (!Files.isDirectory(opts.configs())) {
      throw new IllegalArgumentException("configs folder " + opts.configs() + " does not exist (or give --base-url)");
    }
    LoadReport report = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, extensions)
        .loadPaths(List.of(opts.configs()), settingsFile);
    report.errors().forEach(e -> System.err.println("config rejected: " + e.format()));
    return InProcessAnswerer.of(Assembly.local(vertx, settings, extensions, calls), report.ensembles(), opts.model());
  }
}

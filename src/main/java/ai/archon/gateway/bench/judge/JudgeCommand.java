package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerLog;
import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.bench.CommandEnv;
import ai.archon.gateway.bench.DataUnavailableException;
import ai.archon.gateway.bench.PinnedFiles;
import ai.archon.gateway.bench.Progress;
import ai.archon.gateway.bench.Retries;
import ai.archon.gateway.bench.RunStats;
import ai.archon.gateway.provider.ChatProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code bench judge}: judges one model's answer file with a judge model (in process from the configs, or through a
 * running gateway or any OpenAI-compatible server at {@code --base-url}) with the benchmark's official judge prompt,
 * and writes the official judgment file beside the answers, which {@code bench score} (and the official scripts)
 * read. Exit code 0 when every judgment was made (verdicts the judge would not give are recorded as missing), 1 when
 * some judge calls failed (rerun with {@code --resume}), 2 when an official file is unavailable.
 */
public final class JudgeCommand {
  public static final String USAGE = "bench judge --benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench"
      + " --answers PATH --judge MODEL [--baseline PATH] [--configs DIR [--settings FILE] | --base-url URL"
      + " [--api-key KEY]] [--judge-prompt FILE] [--questions FILE] [--parallel 16] [--limit N] [--resume]";

  private JudgeCommand() { }

  /**
   * Runs with the arguments after {@code judge}; progress goes to {@code cmd}'s err, the summary to its out.
   * {@code calls} is wrapped around every chat adapter of an in-process judge (the architecture search passes its
   * reply cache here).
   */
  public static int run(String[] args, CommandEnv cmd, UnaryOperator<ChatProvider> calls) {
    return run(JudgeOptions.parse(args, cmd.env()), cmd, calls);
  }

  static int run(JudgeOptions opts, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal,
      long retryDelayMs) {
    return run(opts, new CommandEnv(env, out, err, terminal, retryDelayMs), UnaryOperator.identity());
  }

  private static int run(JudgeOptions opts, CommandEnv cmd, UnaryOperator<ChatProvider> calls) {
    JudgeFormat format;
    try {
      format = format(new JudgeInputs(opts, PinnedFiles.fromEnv(cmd.env(), cmd.err(), cmd.terminal())));
    } catch (DataUnavailableException e) {
      cmd.err().println("bench judge: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JudgeFormat judging = format;
    return BenchCommand.withAnswerer(opts.connection(), cmd.env(), calls, (vertx, answerer) -> {
      try (AnswerLog log = AnswerLog.open(judging.progressFile(), opts.resume() || judging.sharedFile(),
          judging::keyOf)) {
        List<JudgeTask> tasks = judging.tasks();
        List<JudgeTask> pending = opts.resume() ? tasks.stream().filter(t -> !log.kept().containsKey(t.key())).toList()
            : tasks;
        RunStats stats = new RunStats(tasks.size(), tasks.size() - pending.size());
        JudgeClient client = new JudgeClient(answerer, new Retries(vertx, BenchCommand.ATTEMPTS, cmd.retryDelayMs(), stats));
        JudgeRunner runner = new JudgeRunner(vertx, client, log, stats);
        BenchCommand.runOnContext(vertx, new Progress(cmd.err(), cmd.terminal(), stats, pending.size()),
            () -> runner.run(pending, opts.parallel()));
        judging.finish(log);
        new JudgeSummary(opts, judging, stats, runner.missing(), client.askedAgain())
            .print(cmd.out(), JudgeSummary.price(opts, cmd.env()));
        return stats.failed() == 0 ? 0 : 1;
      }
    });
  }

  private static JudgeFormat format(JudgeInputs in) throws IOException {
    switch (in.opts().benchmark()) {
      case "alpaca_eval": return new AlpacaJudging(in);
      case "arena_hard_v0.1": return new ArenaJudging(in, false);
      case "arena_hard_v2.0": return new ArenaJudging(in, true);
      default: return new MtBenchJudging(in);
    }
  }
}

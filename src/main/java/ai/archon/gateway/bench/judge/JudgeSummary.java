package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.bench.BenchOptions;
import ai.archon.gateway.bench.RunStats;
import ai.archon.gateway.config.Prices;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.spi.Extensions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The end-of-run report of {@code bench judge}: judgments, missing verdicts, failures, the judge's tokens and cost. */
record JudgeSummary(JudgeOptions opts, JudgeFormat format, RunStats stats, int missing, int askedAgain) {

  void print(PrintStream out, Prices.Price price) {
    out.printf(Locale.ROOT, "bench judge %s, judge %s, model %s: %d judgments, %d made now, %d kept from before, "
        + "%d failed%n", opts.benchmark(), opts.judgeId(), format.model(), stats.total(), stats.answered(),
        stats.alreadyDone(), stats.failed());
    out.printf(Locale.ROOT, "verdicts: %d replies without one were asked again; %d still without one, recorded as "
        + "missing%n", askedAgain, missing);
    if (format.verdictNote() != null) out.println(format.verdictNote());
    Usage u = stats.usage();
    out.printf(Locale.ROOT, "judge tokens: prompt %d, completion %d, total %d; upstream calls %d; wall time %.1f s; "
        + "retries %d%n", u.promptTokens(), u.completionTokens(), u.totalTokens(), stats.upstreamCalls(),
        stats.elapsedMs() / 1000.0, stats.retries());
    if (u.cost() != null && u.totalTokens() > 0) {
      out.println(String.format(Locale.ROOT, "judge cost: $%.4f (usage.cost of the judge's replies)", u.cost()));
    } else {
      out.println(price == null ? "judge cost: unknown (no price_per_mtok for " + opts.judge() + " in the settings)"
          : String.format(Locale.ROOT, "judge cost: $%.4f (price_per_mtok: input %s, output %s)", price.cost(u),
              price.input(), price.output()));
    }
    out.println("judgments: " + format.judgmentFile());
    stats.failures().forEach((k, v) -> out.println("failed: " + k.replace('\n', ' ').replace('\t', ' ') + ": " + v));
    if (stats.failed() > 0) out.println("rerun with --resume to judge only what is missing");
    out.flush();
  }

  /**
   * The settings' price of a {@code <model_type>/<model>} judge, or null (an ensemble's calls go to several models,
   * so its cost is not one price; see the gateway's cost metric).
   */
  static Prices.Price price(JudgeOptions opts, Map<String, String> env) {
    BenchOptions c = opts.connection();
    int slash = opts.judge().indexOf('/');
    if (slash <= 0) return null;
    Path settingsFile = c.endpoint().baseUrl() == null ? BenchCommand.settingsFile(c) : c.endpoint().settings();
    if (settingsFile == null) return null;
    Settings settings = SettingsLoader.load(settingsFile, env, Extensions.fromClassPath());
    return settings.prices().of(opts.judge().substring(0, slash), opts.judge().substring(slash + 1));
  }
}

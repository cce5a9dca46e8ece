package ai.archon.gateway.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The end-of-run report: questions, failures, wall time, p50/p95 latency per question, tokens and upstream calls. */
final class Summary {
  private Summary() { }

  static void print(PrintStream out, String benchmark, String modelId, RunStats s, Path answers) {
    out.printf(Locale.ROOT, "bench %s, model %s: %d questions, %d answered now, %d kept from before, %d failed%n",
        benchmark, modelId, s.total(), s.answered(), s.alreadyDone(), s.failed());
    out.printf(Locale.ROOT, "wall time %.1f s; latency per question p50 %s, p95 %s; retries %d%n",
        s.elapsedMs() / 1000.0, ms(s.latencyPercentile(50)), ms(s.latencyPercentile(95)), s.retries());
    out.printf(Locale.ROOT, "tokens: prompt %d, completion %d, total %d; upstream calls %d%n",
        s.usage().promptTokens(), s.usage().completionTokens(), s.usage().totalTokens(), s.upstreamCalls());
    out.println(cost(s.usage()));
    out.println("answers: " + answers);
    for (Map.Entry<String, String> f : s.failures().entrySet()) {
      out.println("failed: " + shorten(f.getKey()) + ": " + f.getValue());
    }
    if (s.failed() > 0) out.println("rerun with --resume to answer only the missing questions");
    out.flush();
  }

  /** The summed {@code usage.cost} of the answers (the gateway's, or the settings' prices in process). */
  static String cost(ai.archon.gateway.model.Usage u) {
    return u.cost() == null ? "cost: unknown (a model without a price in price_per_mtok, or a reply without usage.cost)"
        : String.format(Locale.ROOT, "cost: $%.6f", u.cost());
  }

  private static String ms(long v) {
    return v < 0 ? "-" : v + " ms";
  }

  /** AlpacaEval keys are whole instructions: show the start of one line. */
  private static String shorten(String key) {
    String oneLine = key.replace('\n', ' ');
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}

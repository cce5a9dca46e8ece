package ai.archon.gateway.bench;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Live progress: on a terminal a bar redrawn in place (done/total, failures, rate, ETA); otherwise a plain line now
 * and then, so logs of a long run stay short.
 */
public record Progress(PrintStream out, boolean terminal, RunStats stats, int pending) {
  private static final int BAR = 30;

  /** Starts printing; the timer to pass to {@link #stop}. */
  public long start(Vertx vertx, long plainEveryMs) {
    return vertx.setPeriodic(terminal ? 250 : plainEveryMs, id -> print());
  }

  public void stop(Vertx vertx, long timer) {
    vertx.cancelTimer(timer);
    print();
    if (terminal) out.println();
    out.flush();
  }

  String line() {
    int done = stats.answered() + stats.failed();
    int total = stats.total();
    int doneAll = stats.alreadyDone() + done;
    double seconds = Math.max(0.001, stats.elapsedMs() / 1000.0);
    double rate = done / seconds;
    String eta = done == 0 ? "?" : duration((long) ((pending - done) / rate));
    String counts = String.format(Locale.ROOT, "%d/%d  failed %d  %.2f q/s  ETA %s", doneAll, total, stats.failed(),
        rate, eta);
    if (!terminal) return "bench: " + counts;
    int filled = total == 0 ? BAR : (int) ((long) BAR * doneAll / total);
    return "\r[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + counts + "   ";
  }

  private void print() {
    if (terminal) out.print(line());
    else out.println(line());
    out.flush();
  }

  static String duration(long seconds) {
    return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}

package ai.archon.gateway.support;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of a {@code /metrics} page, for tests in any package. */
public final class Prometheus {
  private Prometheus() {}

  /**
   * {@code url}'s {@code /metrics} page once {@code series} appears in it, or after 5 s whatever it holds: a request is
   * counted when its response has ended, which the event loop may see a moment after the client has the last byte.
   */
  public static String scrapeWhen(String url, Pattern series) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String metrics = Http.get(url + "/metrics").body();
    while (!series.matcher(metrics).find() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(20_000_000L);
      metrics = Http.get(url + "/metrics").body();
    }
    return metrics;
  }

  /** The value of the one series of {@code name} whose labels include all of {@code labels}. */
  public static double value(String metrics, String name, String... labels) {
    Pattern p = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(metrics);
    Double found = null;
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String label : labels) all &= l.contains(label);
      if (!all) continue;
      assertNull(found, "more than one series of " + name + " matches " + String.join(",", labels));
      found = Double.parseDouble(m.group(2));
    }
    if (found == null) throw new AssertionError("no series " + name + " with " + String.join(",", labels) + " in\n" + metrics);
    return found;
  }
}

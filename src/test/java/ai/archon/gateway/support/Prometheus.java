package ai.archon.gateway.support;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of a {@code /metrics} page, for tests in any package. */
public final class Prometheus {
  private Prometheus() {}

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

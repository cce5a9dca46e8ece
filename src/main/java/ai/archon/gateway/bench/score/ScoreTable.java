package ai.archon.gateway.bench.score;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** A plain-text table with columns padded to their widest cell: the {@code --format table} output. */
final class ScoreTable {
  private ScoreTable() { }

  static void print(PrintStream out, List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> r : rows) width[c] = Math.max(width[c], r.get(c).length());
    }
    out.println(line(header, width));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < width.length; c++) rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
    out.println(rule);
    rows.forEach(r -> out.println(line(r, width)));
  }

  /** A number with the given decimals, or "-" for a missing value. */
  static String num(Double v, int decimals) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      // the model name is left-aligned, numbers right-aligned
      String padded = c == 0 ? cell + " ".repeat(width[c] - cell.length()) : " ".repeat(width[c] - cell.length()) + cell;
      b.append(c == 0 ? "" : " | ").append(padded);
    }
    return b.toString().stripTrailing();
  }
}

package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser of a unit_test_evaluator's reply: one verdict per test. A verdict line starts with the test's number
 * ({@code [2]}, {@code Test 2:}, {@code 2.}, markdown ignored) and gives {@code passed} or {@code failed} (also
 * {@code pass}/{@code fail}/{@code passes}/{@code fails}, any case) either as its first word after the number or as
 * its last word after a colon or dash ({@code [2] Mentions the base case: failed}), alone or in brackets
 * ({@code Unit Test #1: [Passed]}). Rejected, so that the candidate
 * counts as not evaluated: a bracketed or "Test" header without such a verdict ({@code [2] does not pass}, which
 * Archon counted as passed), a line naming both outcomes, a repeated, missing or out-of-range test number. Bare
 * numbered lines without a verdict are prose and ignored.
 */
public final class UnitTestVerdictParser {
  private static final Pattern HEADER = Pattern.compile(
      "(?:[-•]\\s+)?(?:(\\[)\\s*(\\d{1,3})\\s*\\]|(?:unit\\s+)?(test)\\s*#?\\s*(\\d{1,3})|(\\d{1,3})[.)])\\s*[:.)\\-–—]?\\s*(.*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_WORD = Pattern.compile("(passed|passes|pass|failed|fails|fail)\\b.*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LAST_WORD = Pattern.compile(".*[:\\-–—]\\s*(passed|passes|pass|failed|fails|fail)[.!]?",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // Archon's own prompts teach "Unit Test #1: [Passed]": a verdict word alone in brackets reads as the bare word.
  private static final Pattern BRACKETED = Pattern.compile("\\[\\s*(passed|passes|pass|failed|fails|fail)\\s*\\]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PASS_WORD = Pattern.compile("\\bpass(?:ed|es)?\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern FAIL_WORD = Pattern.compile("\\bfail(?:ed|s)?\\b", Pattern.CASE_INSENSITIVE);

  private UnitTestVerdictParser() { }

  /** Pass (true) or fail (false) per test in test order, or empty when the reply is not exactly one verdict per test. */
  public static Optional<List<Boolean>> parse(String reply, int tests) {
    if (reply == null || tests < 1) return Optional.empty();
    Boolean[] verdicts = new Boolean[tests];
    for (String raw : Markdown.lines(reply)) {
      String line = Markdown.stripLeadingDecoration(raw.replace("*", "").replace("`", ""));
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) continue;
      boolean strongHeader = m.group(1) != null || m.group(3) != null;
      String digits = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(5);
      Boolean verdict = verdict(m.group(6));
      if (verdict == null) {
        if (strongHeader) return Optional.empty();
        continue;
      }
      int number = Integer.parseInt(digits);
      if (number < 1 || number > tests || verdicts[number - 1] != null) return Optional.empty();
      verdicts[number - 1] = verdict;
    }
    List<Boolean> out = new ArrayList<>(tests);
    for (Boolean v : verdicts) {
      if (v == null) return Optional.empty();
      out.add(v);
    }
    return Optional.of(List.copyOf(out));
  }

  /** The verdict in the text after a header, or null when it holds none or both outcomes. */
  static Boolean verdict(String rest) {
    String text = BRACKETED.matcher(rest.strip()).replaceAll("$1");
    if (PASS_WORD.matcher(text).find() && FAIL_WORD.matcher(text).find()) return null;
    Matcher first = FIRST_WORD.matcher(text);
    String word = null;
    if (first.matches()) word = first.group(1);
    else {
      Matcher last = LAST_WORD.matcher(text);
      if (last.matches()) word = last.group(1);
    }
    if (word == null) return null;
    return word.toLowerCase(Locale.ROOT).startsWith("pass");
  }

  /** How many of the verdicts are passes. */
  static int passed(List<Boolean> verdicts) {
    int n = 0;
    for (boolean v : verdicts) if (v) n++;
    return n;
  }
}

package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser of a unit_test_generator's reply into its tests. A test is one line: numbered ({@code 1. text},
 * {@code 2) text}, {@code [3] text}, {@code Test 4: text}, markdown emphasis around the number ignored) or, when the
 * reply numbers nothing, bulleted ({@code - text}, {@code * text}). Numbered tests must count up 1, 2, 3 … without
 * gaps or repeats (a repeat or gap rejects the reply, since the list is then not the one asked for); other lines
 * (a preamble, a closing remark, blank lines) are ignored. The result is cut to {@code cap}; an empty list rejects.
 */
public final class UnitTestParser {
  private static final Pattern NUMBERED = Pattern.compile(
      "(?:(?:unit\\s+)?test\\s*#?\\s*(\\d{1,3})\\s*[:.)\\-–—]|\\[(\\d{1,3})\\]|(\\d{1,3})[.)])\\s*(.*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BULLET = Pattern.compile("[-*•]\\s+(.*)");

  private UnitTestParser() { }

  /** The tests in order, at most {@code cap}, or empty when the reply holds no usable list. */
  public static Optional<List<String>> parse(String reply, int cap) {
    if (reply == null || cap < 1) return Optional.empty();
    List<String> numbered = new ArrayList<>();
    List<String> bulleted = new ArrayList<>();
    for (String raw : Markdown.lines(reply)) {
      String line = Markdown.stripLeadingDecoration(raw);
      if (line.isEmpty()) continue;
      Matcher m = NUMBERED.matcher(line);
      if (m.matches()) {
        String digits = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        if (Integer.parseInt(digits) != numbered.size() + 1) return Optional.empty();
        String test = Markdown.stripEmphasis(m.group(4));
        if (test.isEmpty()) return Optional.empty();
        numbered.add(test);
        continue;
      }
      Matcher b = BULLET.matcher(line);
      if (b.matches()) {
        String test = Markdown.stripEmphasis(b.group(1));
        if (!test.isEmpty()) bulleted.add(test);
      }
    }
    List<String> tests = numbered.isEmpty() ? bulleted : numbered;
    if (tests.isEmpty()) return Optional.empty();
    return Optional.of(List.copyOf(tests.subList(0, Math.min(cap, tests.size()))));
  }
}

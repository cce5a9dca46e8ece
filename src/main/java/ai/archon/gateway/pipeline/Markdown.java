package ai.archon.gateway.pipeline;

/** Small string helpers that look through the markdown decoration models put around structured lines. */
final class Markdown {
  /** Any line break; compiled once (String.split with a regex of more than one char compiles it on every call). */
  private static final java.util.regex.Pattern BREAK = java.util.regex.Pattern.compile("\\R");

  private Markdown() { }

  /** {@code text.split("\\R", limit)}: the reply's lines (a negative limit keeps trailing empty ones). */
  static String[] lines(String text, int limit) {
    return BREAK.split(text, limit);
  }

  /** {@code text.split("\\R")}: the reply's lines without trailing empty ones. */
  static String[] lines(String text) {
    return BREAK.split(text);
  }

  /** Collapses horizontal whitespace, then drops leading heading marks, block quotes and emphasis (not bullets). */
  static String stripLeadingDecoration(String line) {
    String s = collapse(line);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '#' || c == '>' || c == ' ' || c == '`') {
        i++;
      } else if ((c == '*' || c == '_') && i + 1 < s.length()) {
        // "**x", "__x" and "*x" are emphasis; "* x" is a bullet, which must stay visible to the caller.
        char next = s.charAt(i + 1);
        if (next == c) i += 2;
        else if (next != ' ') i++;
        else break;
      } else {
        break;
      }
    }
    return s.substring(i);
  }

  /** Strips emphasis, heading marks, code ticks and spaces from both ends. */
  static String stripEmphasis(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isDecoration(s.charAt(from))) from++;
    while (to > from && isDecoration(s.charAt(to - 1))) to--;
    return s.substring(from, to);
  }

  /** Replaces every run of horizontal whitespace with one space and trims. */
  static String collapse(String s) {
    if (collapsed(s)) return s; // most lines are: no copy then
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u00a0' || c == '\f' || c == '\u000b') {
        space = true;
      } else {
        if (space && sb.length() > 0) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** True when {@link #collapse} would return {@code s} unchanged: single plain spaces inside, none at the ends. */
  private static boolean collapsed(String s) {
    int n = s.length();
    if (n == 0) return true;
    if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') return false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\u00a0' || c == '\f' || c == '\u000b') return false;
      if (c == ' ' && s.charAt(i - 1) == ' ') return false;
    }
    return true;
  }

  private static boolean isDecoration(char c) {
    return c == '*' || c == '_' || c == '#' || c == '`' || Character.isWhitespace(c);
  }
}

package ai.archon.gateway.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name a misspelt one was probably meant to be ({@code length_contorl} → {@code length_control}),
 * by edit distance with transpositions counted as one edit.
 */
public final class KeySuggester {
  private KeySuggester() {}

  /**
   * The closest candidate, if it is close enough to be a plausible typo: a case-insensitive match, or at most one edit
   * per three characters of the input (at least one, at most three). Ties go to the alphabetically first candidate so
   * messages are stable.
   */
  public static Optional<String> suggest(String input, Collection<String> candidates) {
    if (input == null || input.isEmpty()) return Optional.empty();
    String lower = input.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, input.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(input)) continue;
      String other = candidate.toLowerCase(Locale.ROOT);
      int d = other.equals(lower) ? 0 : distance(lower, other);
      if (d > limit) continue;
      if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code  (did you mean "x"?)} or the empty string: ready to append to a message. */
  public static String hint(String input, Collection<String> candidates) {
    return suggest(input, candidates).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

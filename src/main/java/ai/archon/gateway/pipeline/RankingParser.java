package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser of a ranker's reply into 0-based candidate indexes, best first.
 *
 * <p>A ranking line is either (a) any line holding a chain of at least two bracketed numbers joined by {@code >},
 * with any prose around it ({@code The ranking is [2] > [1] > [3].}, {@code [2]>[1]}, {@code **[2]** > **[1]**}),
 * or (b) a line that, apart from markdown, a bullet, an optional label ending in a colon ({@code Ranking:}) and a
 * final period, is nothing but a chain: bracketed numbers joined by {@code >} or by commas ({@code [2], [1]}), a
 * single bracketed number ({@code [2]}, for top_k 1), or at least two bare numbers joined by {@code >}
 * ({@code 2 > 1 > 3}). A lone bare number or a numbered list is not a ranking: too easily prose. The last ranking
 * line of the reply decides (models reason first and conclude last); if that line is invalid the reply is rejected
 * rather than falling back to an earlier line, since it is the model's final word. Valid means every number is in
 * 1..n, none repeats (Archon accepted duplicates; we do not) and at least min(topK, n) are given; a longer ranking is
 * cut to that length. Lines over 20,000 characters are never ranking lines.
 */
public final class RankingParser {

  // Hand-written scanning instead of a repeated regex group: java.util.regex recurses per repetition of a group and
  // overflows the stack on long chains, and a StackOverflowError would escape the parser.
  private static final Pattern LABEL = Pattern.compile("[^:\\[\\]]{0,60}: ?");
  private static final int MAX_LINE = 20_000;

  private RankingParser() { }

  /** 0-based candidate indexes in rank order (best first): a prefix of a permutation of 0..n-1 with at least min(topK,n) entries, or empty when unparseable (duplicates, out of range, too few); topK < 1 means all. */
  public static Optional<List<Integer>> parse(String reply, int n, int topK) {
    if (reply == null || n < 1) return Optional.empty();
    try {
      int k = topK < 1 || topK > n ? n : topK;
      String[] lines = Markdown.lines(reply);
      for (int i = lines.length - 1; i >= 0; i--) {
        List<Integer> chain = chainIn(lines[i]);
        if (chain != null) return validate(chain, n, k);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      // Defensive only: the parser is meant to be total; a bad reply must degrade to "unranked", never fail.
      return Optional.empty();
    }
  }

  /** The 1-based numbers of the ranking on this line, or null when the line is not a ranking line. */
  static List<Integer> chainIn(String rawLine) {
    if (rawLine.length() > MAX_LINE) return null;
    String line = Markdown.collapse(rawLine.replace("*", "").replace("`", ""));
    List<Integer> strong = lastBracketChain(tokens(line));
    return strong != null ? strong : wholeLineChain(line);
  }

  /** The last run "[a] > [b] (> [c] …)" of at least two bracketed numbers anywhere in the tokens, or null. */
  private static List<Integer> lastBracketChain(List<Token> tokens) {
    List<Integer> last = null;
    int i = 0;
    while (i < tokens.size()) {
      List<Integer> run = new ArrayList<>();
      int j = i;
      if (tokens.get(j).kind == Kind.BRACKET) {
        run.add(tokens.get(j).number);
        while (j + 2 < tokens.size() && tokens.get(j + 1).kind == Kind.GT && tokens.get(j + 2).kind == Kind.BRACKET) {
          run.add(tokens.get(j + 2).number);
          j += 2;
        }
      }
      if (run.size() >= 2) last = run;
      i = j + 1;
    }
    return last;
  }

  private static List<Integer> wholeLineChain(String line) {
    String s = Markdown.stripLeadingDecoration(line);
    if (s.startsWith("- ") || s.startsWith("• ")) s = s.substring(2);
    Matcher label = LABEL.matcher(s);
    if (label.lookingAt()) s = s.substring(label.end());
    s = s.strip();
    if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
    List<Token> tokens = tokens(s);
    if (tokens.isEmpty() || tokens.size() % 2 == 0) return null;

    List<Integer> nums = new ArrayList<>();
    Kind numberKind = tokens.get(0).kind;
    Kind separator = tokens.size() > 1 ? tokens.get(1).kind : null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (i % 2 == 0) {
        if (t.kind != numberKind || (t.kind != Kind.BRACKET && t.kind != Kind.BARE)) return null;
        nums.add(t.number);
      } else if (t.kind != separator || (t.kind != Kind.GT && t.kind != Kind.COMMA)) {
        return null;
      }
    }
    // Bare numbers are only a ranking as a ">" chain: "2" or "2, 1" alone is too easily something else.
    if (numberKind == Kind.BARE && (nums.size() < 2 || separator != Kind.GT)) return null;
    return nums;
  }

  private enum Kind { BRACKET, BARE, GT, COMMA, OTHER }

  private record Token(Kind kind, int number) { }

  /** Splits a line into bracketed numbers "[ 12 ]", bare numbers, ">" runs, commas and other text (spaces dropped). */
  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int len = s.length();
    while (i < len) {
      char c = s.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '>') {
        while (i < len && s.charAt(i) == '>') i++;
        out.add(new Token(Kind.GT, 0));
      } else if (c == ',') {
        i++;
        out.add(new Token(Kind.COMMA, 0));
      } else if (isDigit(c)) {
        int start = i;
        while (i < len && isDigit(s.charAt(i))) i++;
        out.add(i - start <= 6 ? new Token(Kind.BARE, Integer.parseInt(s.substring(start, i))) : new Token(Kind.OTHER, 0));
      } else if (c == '[') {
        int j = i + 1;
        if (j < len && s.charAt(j) == ' ') j++;
        int start = j;
        while (j < len && isDigit(s.charAt(j)) && j - start < 7) j++;
        int digits = j - start;
        if (j < len && s.charAt(j) == ' ') j++;
        if (digits >= 1 && digits <= 6 && j < len && s.charAt(j) == ']') {
          out.add(new Token(Kind.BRACKET, Integer.parseInt(s.substring(start, start + digits))));
          i = j + 1;
        } else {
          out.add(new Token(Kind.OTHER, 0));
          i++;
        }
      } else {
        out.add(new Token(Kind.OTHER, 0));
        i++;
      }
    }
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Optional<List<Integer>> validate(List<Integer> chain, int n, int k) {
    if (chain.size() < k) return Optional.empty();
    Set<Integer> seen = new HashSet<>();
    List<Integer> out = new ArrayList<>(k);
    for (int num : chain) {
      if (num < 1 || num > n || !seen.add(num)) return Optional.empty();
      if (out.size() < k) out.add(num - 1);
    }
    return Optional.of(List.copyOf(out));
  }
}

package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser of a critic's reply: one block per candidate, each opened by a header line naming the candidate.
 *
 * <p>Accepted header lines (case-insensitive, markdown emphasis and heading marks around them ignored):
 * {@code [1]}, {@code **[1]**}, {@code ### [1]}, {@code [1]:}, {@code Candidate [1]}, {@code Critique of [1]},
 * {@code [Candidate 1]}, {@code Candidate 1:}, {@code Response #1}, {@code Answer 1}. After the header the line must
 * end, go on after a separator ({@code : - – — . )}), or go on with "Strengths"/"Weaknesses"; anything after the
 * separator is the block's first line. So "[2] is clearer than [1]" inside a critique is content, not a header.
 * Bare numbers ({@code 1.}, {@code **1.**}) and bulleted headers ({@code - [1]}, {@code * [1]}) are not headers,
 * because critics number and bullet their points. Prose before the first header is ignored; prose after the last
 * block stays in that block. A block's content is free text (Strengths/Weaknesses are asked for, not required) but
 * must not be empty. Blocks may come in any order; a duplicate, missing, empty or out-of-range block rejects the
 * whole reply, since a critique attached to the wrong candidate is worse than none.
 */
public final class CritiqueParser {

  // A bracketed number, optionally labelled: "[1]", "Candidate [1]", "Critique of [1]", "[Candidate 1]", "[#1]".
  private static final Pattern BRACKETED = Pattern.compile(
      "(?:(?:candidate|response|answer|critique)(?: of| for)?(?: candidate| response)? ?#? ?)?"
          + "\\[ ?(?:candidate |response |answer )?#? ?(\\d{1,4}) ?\\]",
      Pattern.CASE_INSENSITIVE);
  // A labelled bare number: "Candidate 1", "Response #2", "Answer no. 3".
  private static final Pattern LABELLED = Pattern.compile(
      "(?:candidate|response|answer) ?(?:#|no\\.?)? ?(\\d{1,4})(?!\\d)", Pattern.CASE_INSENSITIVE);

  private static final Pattern FILLER = Pattern.compile("[-*_=]{3,}|```\\w*|~~~");

  private CritiqueParser() { }

  /** n critiques in candidate order, or empty when the reply does not hold exactly one block for each of 1..n. */
  public static Optional<List<String>> parse(String reply, int n) {
    if (reply == null || n < 1) return Optional.empty();
    try {
      return parseBlocks(reply, n);
    } catch (RuntimeException e) {
      // Defensive only: the parser is meant to be total; a bad reply must degrade to "no critiques", never fail.
      return Optional.empty();
    }
  }

  private static Optional<List<String>> parseBlocks(String reply, int n) {
    StringBuilder[] blocks = new StringBuilder[n + 1];
    int current = 0;
    for (String line : Markdown.lines(reply, -1)) {
      Header h = header(line);
      if (h != null) {
        if (h.number < 1 || h.number > n || blocks[h.number] != null) return Optional.empty();
        current = h.number;
        blocks[current] = new StringBuilder(h.rest);
      } else if (current > 0) {
        blocks[current].append('\n').append(line);
      }
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      if (blocks[i] == null) return Optional.empty();
      String body = clean(blocks[i].toString());
      if (body.isEmpty()) return Optional.empty();
      out.add(body);
    }
    return Optional.of(List.copyOf(out));
  }

  /** The header on this line, or null. */
  static Header header(String line) {
    String s = Markdown.stripLeadingDecoration(line);
    if (s.isEmpty() || s.length() > 4000) return null;
    // Both patterns start with "[" or a label (candidate, critique, response, answer): most lines are skipped here.
    char first = s.charAt(0);
    if (first != '[' && first != 'c' && first != 'C' && first != 'r' && first != 'R' && first != 'a' && first != 'A') {
      return null;
    }
    Matcher m = BRACKETED.matcher(s);
    if (!m.lookingAt()) {
      m = LABELLED.matcher(s);
      if (!m.lookingAt()) return null;
    }
    int number = Integer.parseInt(m.group(1));
    String rest = Markdown.stripEmphasis(s.substring(m.end()));
    if (rest.isEmpty()) return new Header(number, "");
    char c = rest.charAt(0);
    if (c == ':' || c == '-' || c == '–' || c == '—' || c == '.' || c == ')') {
      return new Header(number, Markdown.stripEmphasis(rest.substring(1)));
    }
    String lower = rest.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("strength") || lower.startsWith("weakness")) return new Header(number, rest);
    return null;
  }

  /** Trims the block and drops trailing separators a model adds between or after blocks (rules, code fences). */
  private static String clean(String block) {
    List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
    while (!lines.isEmpty() && isFiller(lines.get(lines.size() - 1))) lines.remove(lines.size() - 1);
    while (!lines.isEmpty() && lines.get(0).isBlank()) lines.remove(0);
    return String.join("\n", lines).strip();
  }

  private static boolean isFiller(String line) {
    String t = line.strip();
    return t.isEmpty() || FILLER.matcher(t).matches();
  }

  record Header(int number, String rest) { }
}

package ai.archon.gateway.pipeline;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser of a verifier's verdict reply. The verdict is the label {@code [Correct]} or {@code [Incorrect]}
 * (any letter case, markdown emphasis and spaces inside the brackets ignored) on the reply's last non-blank line; a
 * last line that is only the bare word ({@code Incorrect}, {@code Verdict: correct.}) counts too. Rejected: no label,
 * both labels anywhere in the reply (the model contradicted itself), or a label that is not on the last line (the
 * model went on after its verdict). Unlike Archon, "incorrect" is never read as containing "correct".
 */
public final class VerdictParser {
  private static final Pattern LABEL = Pattern.compile("\\[\\s*(correct|incorrect)\\s*\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE = Pattern.compile("(?:(?:final\\s+)?(?:verdict|answer|label)\\s*:\\s*)?"
      + "(correct|incorrect)\\.?", Pattern.CASE_INSENSITIVE);

  private VerdictParser() { }

  /** True for correct, false for incorrect, empty when the reply holds no single clear verdict. */
  public static Optional<Boolean> parse(String reply) {
    if (reply == null) return Optional.empty();
    String text = reply.replace("*", "").replace("`", "").replace("_", "");
    boolean correct = false;
    boolean incorrect = false;
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      if (m.group(1).equalsIgnoreCase("correct")) correct = true;
      else incorrect = true;
    }
    if (correct && incorrect) return Optional.empty();
    String last = lastLine(text);
    if (last == null) return Optional.empty();
    Matcher onLast = LABEL.matcher(last);
    if (onLast.find()) return Optional.of(onLast.group(1).equalsIgnoreCase("correct"));
    if (correct || incorrect) return Optional.empty();
    Matcher bare = BARE.matcher(Markdown.stripLeadingDecoration(last));
    if (bare.matches()) return Optional.of(bare.group(1).toLowerCase(Locale.ROOT).equals("correct"));
    return Optional.empty();
  }

  private static String lastLine(String text) {
    String[] lines = Markdown.lines(text);
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) return lines[i].strip();
    }
    return null;
  }
}

package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arena-Hard's style-control counts of an answer ({@code count_markdown_elements} after {@code remove_pattern} of
 * fenced code in arena-hard-auto's {@code add_markdown_info.py}): headers h1–h6, ordered and unordered list items,
 * and bold spans, with the same regular expressions and the same code-block removal.
 */
final class MarkdownStats {
  // Python's re: ^ after \n only (UNIX_LINES), \s and \d Unicode-aware for str patterns.
  private static final int FLAGS = Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern[] HEADERS = new Pattern[6];
  private static final Pattern ORDERED = Pattern.compile("^\\s*\\d+\\.\\s", FLAGS);
  private static final Pattern UNORDERED = Pattern.compile("^\\s*[-*+]\\s", FLAGS);
  private static final Pattern BOLD_STARS = Pattern.compile("\\*\\*[^*\\n]+\\*\\*", FLAGS);
  private static final Pattern BOLD_UNDERSCORES = Pattern.compile("__[^_\\n]+__", FLAGS);
  private static final Pattern CODE = Pattern.compile("```([^`]*)```");

  static {
    for (int i = 0; i < 6; i++) HEADERS[i] = Pattern.compile("^#{" + (i + 1) + "}\\s", FLAGS);
  }

  private MarkdownStats() { }

  /** {@code {"token_len": n, "header_count": {...}, "list_count": {...}, "bold_count": {...}}}, in that order. */
  static ObjectNode metadata(String answer, int tokenLen) {
    String text = removeCode(answer);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("token_len", tokenLen);
    ObjectNode headers = n.putObject("header_count");
    for (int i = 0; i < 6; i++) headers.put("h" + (i + 1), count(HEADERS[i], text));
    ObjectNode lists = n.putObject("list_count");
    lists.put("ordered", count(ORDERED, text));
    lists.put("unordered", count(UNORDERED, text));
    ObjectNode bold = n.putObject("bold_count");
    bold.put("**", count(BOLD_STARS, text));
    bold.put("__", count(BOLD_UNDERSCORES, text));
    return n;
  }

  /**
   * As {@code remove_pattern}: every fenced block's inner text (the regex group) is deleted wherever it occurs; the
   * fences themselves stay. Kept exactly so the counts match the official pipeline's.
   */
  static String removeCode(String answer) {
    List<String> blocks = new ArrayList<>();
    Matcher m = CODE.matcher(answer);
    while (m.find()) blocks.add(m.group(1));
    String out = answer;
    for (String block : blocks) out = out.replace(block, "");
    return out;
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}

package ai.archon.gateway.bench.judge;

import ai.archon.gateway.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the official prompt templates as their Python code does, and splits AlpacaEval's chat-formatted prompts. */
final class Template {
  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final String START = "<|im_start|>";
  private static final String END = "<|im_end|>";

  private Template() { }

  /**
   * Replaces each {@code {name}} of {@code values} in one pass, as Python's {@code str.format} does for these
   * templates: a value is never scanned again, so an answer that contains {@code {answer_2}} stays as written.
   * Names not in {@code values} are left as they are.
   */
  static String fill(String template, Map<String, String> values) {
    Matcher m = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * AlpacaEval's {@code prompt_to_chatml}: {@code <|im_start|>role\ncontent<|im_end|>} blocks to messages, the role
   * and the content stripped of surrounding white space.
   */
  static List<Message> chatml(String prompt) {
    String p = prompt.strip();
    if (!p.startsWith(START) || !p.endsWith(END)) {
      throw new IllegalArgumentException("the judge prompt is not chat-formatted (" + START + "role ... " + END + ")");
    }
    List<Message> out = new ArrayList<>();
    String[] parts = p.split(Pattern.quote(START), -1);
    for (int i = 1; i < parts.length; i++) {
      int nl = parts[i].indexOf('\n');
      String role = (nl < 0 ? parts[i] : parts[i].substring(0, nl)).strip();
      String rest = nl < 0 ? "" : parts[i].substring(nl + 1);
      int end = rest.indexOf(END);
      out.add(new Message(role, (end < 0 ? rest : rest.substring(0, end)).strip()));
    }
    return out;
  }
}

package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Escaping for the page: text into HTML, data into a {@code <script>} element, and the inlined library. Model names
 * and file names come from the inputs, so nothing they hold may end a script or open a tag.
 */
final class Html {
  private static final ObjectWriter SCRIPT_JSON = new ObjectMapper().writer().with(new ScriptSafeEscapes());
  private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMENT_OPEN = Pattern.compile("<!--");

  private Html() { }

  static String text(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * JSON safe inside a script element: {@code <}, {@code >} and {@code &} as {@code \}{@code u} escapes, so a string
   * holding {@code </script>} or {@code <!--} cannot end or change the element; the parsed value is unchanged.
   */
  static String scriptJson(JsonNode value) {
    try {
      return SCRIPT_JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data could not be written as JSON", e);
    }
  }

  /**
   * JavaScript source made safe to inline: {@code </script} becomes {@code <\/script} and {@code <!--} becomes
   * {@code <\!--}, which mean the same inside the string and regular-expression literals where they can occur.
   */
  static String inlineScript(String js) {
    String s = SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
    return COMMENT_OPEN.matcher(s).replaceAll("<\\\\!--");
  }

  /** A number for a table cell: whole numbers without decimals, others with two; "–" when absent. */
  static String number(JsonNode n) {
    if (n == null || !n.isNumber()) return "–";
    double v = n.doubleValue();
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] table = standardAsciiEscapesForJSON();

    ScriptSafeEscapes() {
      table['<'] = ESCAPE_STANDARD;
      table['>'] = ESCAPE_STANDARD;
      table['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // Line and paragraph separators are line ends to older JavaScript parsers.
      if (ch == 0x2028) return new SerializedString("\\u2028");
      if (ch == 0x2029) return new SerializedString("\\u2029");
      return null;
    }
  }
}

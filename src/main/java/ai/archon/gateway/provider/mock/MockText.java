package ai.archon.gateway.provider.mock;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.PromptMarkers;
import java.util.ArrayList;
import java.util.List;

/** The Mock's text helpers: the prompt's marked sections, quoting, counting and cutting words, stable hashes. */
final class MockText {
  private MockText() { }

  /** Splits text into pieces that each keep their leading whitespace, so joining them gives the text back exactly. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }

  /** The first {@code max} pieces of the text (at least one), or the text itself when it is no longer. */
  static String firstWords(String text, int max) {
    List<String> parts = pieces(text);
    return parts.size() > max ? String.join("", parts.subList(0, Math.max(max, 1))) : text;
  }

  /**
   * The items of the last {@code <tag>} section of a prompt (see {@link PromptMarkers}): blocks headed by lines
   * "[1]", "[2]", … in sequence (so a "[5]" line inside an item's text does not split it).
   */
  static List<String> numberedIn(String prompt, String tag) {
    String open = PromptMarkers.open(tag) + "\n";
    int at = prompt.lastIndexOf(open);
    if (at < 0) return List.of();
    int close = prompt.indexOf("\n" + PromptMarkers.close(tag), at);
    String body = prompt.substring(at + open.length(), close < 0 ? prompt.length() : close);
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    for (String line : body.split("\n", -1)) {
      if (line.equals(PromptMarkers.number(out.size() + (cur == null ? 1 : 2)))) {
        if (cur != null) out.add(cur.toString().strip());
        cur = new StringBuilder();
      } else if (cur != null) {
        cur.append(line).append('\n');
      }
    }
    if (cur != null) out.add(cur.toString().strip());
    return out;
  }

  static String lastUserText(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if ("user".equals(m.role())) return m.content() == null ? "" : m.content();
    }
    return "";
  }

  /** The first 12 words (at most 80 characters) of the text on one line, with an ellipsis when cut. */
  static String quote(String text) {
    String flat = text.strip().replaceAll("\\s+", " ").replace('"', '\'');
    if (flat.isEmpty()) return "your message";
    List<String> words = List.of(flat.split(" "));
    String q = String.join(" ", words.subList(0, Math.min(12, words.size())));
    if (q.length() > 80) q = q.substring(0, 80).strip();
    return q.length() < flat.length() ? q + "…" : q;
  }

  static String firstSentence(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == flat.length() || flat.charAt(i + 1) == ' ')) {
        return flat.substring(0, i + 1);
      }
    }
    return flat.length() > 200 ? flat.substring(0, 200).strip() + "…" : flat;
  }

  static String cutAtStop(String text, List<String> stop) {
    int cut = text.length();
    for (String s : stop) {
      if (s == null || s.isEmpty()) continue;
      int at = text.indexOf(s);
      if (at >= 0 && at < cut) cut = at;
    }
    return text.substring(0, cut);
  }

  static int countWords(String text) {
    if (text == null) return 0;
    int words = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = Character.isWhitespace(text.charAt(i));
      if (!ws && !in) words++;
      in = !ws;
    }
    return words;
  }

  /** A stable hash (FNV-1a, then SplitMix64) of everything that defines the answer: the same on every run and JVM. */
  static long hash(ChatRequest req, String model) {
    StringBuilder sb = new StringBuilder(model).append('\u0000');
    for (Message m : req.messages()) sb.append(m.role()).append('\u0001').append(m.content()).append('\u0000');
    sb.append(req.temperature()).append('\u0000').append(req.topP()).append('\u0000').append(req.seed())
        .append('\u0000').append(req.purpose().role());
    return mix(fnv(sb.toString()));
  }

  static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64 finaliser: spreads FNV's weak low bits so {@link #pick} is even. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static int pick(long h, int size) {
    return (int) Math.floorMod(h, (long) size);
  }
}

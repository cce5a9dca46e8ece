package ai.archon.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mock-upstream responder that recognises each component role by its prompt and answers in that role's format
 * (critiques, a ranking, a verdict, unit tests, test verdicts, plain answers), so any published config can run
 * end to end against {@link MockUpstream}.
 */
public final class RoleResponder implements Function<RecordedRequest, Reply> {
  private static final Pattern HEADER = Pattern.compile("(?m)^\\[(\\d{1,4})\\]$");
  private static final Pattern TEST_COUNT = Pattern.compile("Write exactly (\\d{1,3}) unit tests?");

  @Override
  public Reply apply(RecordedRequest r) {
    if (r.path().equals("/v1/rerank")) return rerank(r);
    String prompt = r.promptText();
    String last = r.lastUserText();
    if (last.startsWith("Based on your reasoning")) return Reply.text("It holds up.\n[Correct]");
    if (prompt.contains("Do not give a final verdict yet")) return Reply.text("The candidate looks right.");
    if (prompt.contains("<unit_tests>")) return Reply.text(testVerdicts(section(prompt, "unit_tests")));
    Matcher tests = TEST_COUNT.matcher(prompt);
    if (tests.find()) return Reply.text(unitTests(Integer.parseInt(tests.group(1))));
    int n = candidates(prompt);
    if (prompt.contains("Strengths:") && prompt.contains("Critique")) return Reply.text(critiques(n));
    if (prompt.contains("Rank the candidates")) return Reply.text(ranking(n));
    if (n > 0) return Reply.text("fused answer from " + r.model());
    return Reply.text("answer from " + r.model());
  }

  /** A rerank reply scoring every document by its length, longest first. */
  public static Reply rerank(RecordedRequest r) {
    StringBuilder sb = new StringBuilder("{\"results\":[");
    int i = 0;
    for (var doc : r.body().path("documents")) {
      if (i > 0) sb.append(',');
      sb.append("{\"index\":").append(i++).append(",\"relevance_score\":").append(doc.asText().length() / 1000.0)
          .append('}');
    }
    return Reply.raw(200, "application/json", sb.append("]}").toString());
  }

  private static int candidates(String prompt) {
    String body = section(prompt, "candidates");
    int n = 0;
    Matcher m = HEADER.matcher(body);
    while (m.find()) n++;
    return n;
  }

  private static String section(String prompt, String tag) {
    int open = prompt.lastIndexOf("<" + tag + ">");
    int close = prompt.lastIndexOf("</" + tag + ">");
    return open < 0 || close < open ? "" : prompt.substring(open, close);
  }

  private static String critiques(int n) {
    List<String> blocks = new ArrayList<>();
    for (int i = 1; i <= n; i++) blocks.add("[" + i + "]\nStrengths:\n- fine\nWeaknesses:\n- None");
    return String.join("\n\n", blocks);
  }

  private static String ranking(int n) {
    List<String> parts = new ArrayList<>();
    for (int i = 1; i <= n; i++) parts.add("[" + i + "]");
    return String.join(" > ", parts);
  }

  private static String unitTests(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) sb.append(i).append(". The response satisfies requirement ").append(i).append(".\n");
    return sb.toString();
  }

  private static String testVerdicts(String tests) {
    StringBuilder sb = new StringBuilder();
    int n = (int) tests.lines().filter(l -> l.matches("\\d{1,3}\\. .*")).count();
    for (int i = 1; i <= n; i++) sb.append('[').append(i).append("] ").append(i % 3 == 0 ? "failed" : "passed").append('\n');
    return sb.toString();
  }
}

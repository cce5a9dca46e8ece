package ai.archon.gateway.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's structure without a browser: self-contained, escaped, one chart element per embedded spec. */
class ReportPageTest {
  private static final Pattern DATA = Pattern.compile(
      "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

  @TempDir Path tmp;

  @Test
  void everyInputKindGivesItsTablesAndCharts() throws Exception {
    String html = render(ReportFixtures.alpacaScores(tmp), ReportFixtures.arenaHardScores(tmp),
        ReportFixtures.mtBenchScores(tmp), ReportFixtures.jsonlAnswers(tmp, "duo", 12, 900, true),
        ReportFixtures.arenaHardV2Answers(tmp, "o3-mini", 5));

    JsonNode charts = data(html).get("charts");
    List<String> kinds = kinds(charts);
    assertEquals(List.of("scores", "scores", "scores", "length", "length", "radar", "box", "box", "box", "box"), kinds,
        "scores ×3; length for AlpacaEval and Arena-Hard; MT-Bench radar; latency, tokens, cost, length boxes");
    assertEquals(charts.size(), count(html, "class=\"chart"), "one chart element per spec");
    assertEquals(3, count(html, "<table class=\"leaderboard\""), "one leaderboard per benchmark");
    assertEquals(1, count(html, "<table class=\"answers\""));
    assertTrue(html.contains("<td class=\"text model\">gpt-4o</td>"));
    JsonNode alpacaLc = charts.get(0).get("series").get(0);
    assertEquals("LC win rate", alpacaLc.get("name").textValue());
    assertEquals(57.5 - 1.96 * 0.62, alpacaLc.get("low").get(0).doubleValue(), 1e-9, "±1.96 SE around gpt-4o's LC");
    JsonNode box = charts.get(6);
    assertEquals("Latency per answer (ms)", box.get("title").textValue());
    assertEquals(List.of("duo · custom JSONL"), List.of(box.get("groups").get(0).textValue()),
        "Arena-Hard's official answers carry no latency");
  }

  @Test
  void thePageIsSelfContainedAndEscapesWhatTheInputsHold() throws Exception {
    String html = render(ReportFixtures.alpacaScores(tmp));

    assertEquals(3, count(html, "</script>"), "data, ECharts, report script: no input ends a script early");
    String markup = html.substring(0, html.indexOf("<script id=\"report-data\""));
    assertFalse(markup.contains("<img"), "the hostile model name never becomes markup");
    assertTrue(html.contains("evil&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assertFalse(Pattern.compile("<(script|link|img)[^>]*\\s(src|href)=\"(https?:)?//").matcher(html).find(),
        "nothing is fetched from the network");
    assertTrue(html.contains("echarts"), "the library is inlined");
    JsonNode models = data(html).get("charts").get(0).get("models");
    assertEquals(ReportFixtures.HOSTILE, models.get(2).textValue(), "the data still holds the name unchanged");
  }

  @Test
  void inlinedScriptsCannotCloseTheirElement() {
    assertEquals("var s = '<\\/script>' + '<\\/SCRIPT' + '<\\!--';",
        Html.inlineScript("var s = '</script>' + '</SCRIPT' + '<!--';"));
  }

  @Test
  void commandWritesThePageAndRejectsBadArguments() throws Exception {
    Path out = tmp.resolve("sub/report.html");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int code = ReportCommand.run(new String[] {"--out", out.toString(), ReportFixtures.mtBenchScores(tmp).toString()},
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertEquals(0, code);
    assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("1 score results, 2 model rows, 0 answers"));
    assertThrows(IllegalArgumentException.class, () -> ReportCommand.run(new String[] {"x.json"}, System.out));
    assertThrows(IllegalArgumentException.class, () -> ReportCommand.run(new String[] {"--out", "r.html"}, System.out));
    assertThrows(IllegalArgumentException.class,
        () -> ReportCommand.run(new String[] {"--out", "r.html", "--title", "t", "x.json"}, System.out));
  }

  private static String render(Path... inputs) {
    return ReportPage.render(ReportInputs.read(List.of(inputs)), Instant.parse("2026-01-02T03:04:05Z"));
  }

  private static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "the embedded data");
    return ReportInputs.MAPPER.readTree(m.group(1));
  }

  private static List<String> kinds(JsonNode charts) {
    List<String> out = new java.util.ArrayList<>();
    charts.forEach(c -> out.add(c.get("kind").textValue()));
    return out;
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
    return n;
  }
}

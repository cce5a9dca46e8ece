package ai.archon.gateway.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.BrowserSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * {@code bench report} from the real jar, rendered in headless Chromium: no console error, nothing fetched, every
 * chart drawn (an ECharts instance with series, and a canvas with real pixels), the leaderboards list the models.
 * The page and a full-page screenshot are kept as target/report-example.html and target/report-screenshot.png.
 */
class ReportBrowserIT {
  private static final Path JAR = Path.of("target", "archon-gateway.jar");
  /**
   * Per chart: ECharts instance, series count, canvas size, and, sampling every third pixel, how many are painted and
   * how many are saturated colour (the marks; axes, grid lines and labels are grey, so an empty chart has none).
   */
  private static final String CHART_STATE = """
      return Array.from(document.querySelectorAll('.chart')).map(function (el) {
        var chart = echarts.getInstanceByDom(el);
        var canvas = el.querySelector('canvas');
        var painted = 0, saturated = 0;
        if (canvas) {
          var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (var i = 0; i < px.length; i += 4 * 3) {
            if (px[i + 3] === 0) continue;
            painted++;
            var hi = Math.max(px[i], px[i + 1], px[i + 2]), lo = Math.min(px[i], px[i + 1], px[i + 2]);
            if (hi - lo > 60) saturated++;
          }
        }
        return { index: el.getAttribute('data-chart'), instance: !!chart,
                 series: chart ? chart.getOption().series.length : 0,
                 width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0,
                 painted: painted, saturated: saturated };
      });
      """;

  @TempDir Path tmp;
  @RegisterExtension final BrowserSession browsers = new BrowserSession();
  private ChromeDriver browser;

  @Test
  void theReportRendersOfflineWithEveryChartDrawnAndNoConsoleError() throws Exception {
    Path page = tmp.resolve("report.html");
    runReport(page, ReportFixtures.alpacaScores(tmp), ReportFixtures.arenaHardScores(tmp),
        ReportFixtures.mtBenchScores(tmp), ReportFixtures.jsonlAnswers(tmp, "archon-70b", 40, 2500, true),
        ReportFixtures.jsonlAnswers(tmp, "gpt-4o", 40, 700, false), ReportFixtures.arenaHardV2Answers(tmp, "o3-mini", 20));
    Files.copy(page, Path.of("target", "report-example.html"), StandardCopyOption.REPLACE_EXISTING);

    browser = browsers.start(tmp.resolve("profile"), 1280, 900);
    browser.get(page.toUri().toString());

    assertEquals("complete", browser.executeScript("return document.readyState"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.executeScript(CHART_STATE);
    assertEquals(10, charts.size(), "3 score charts, 2 length charts, 1 radar, 4 answer box plots");
    for (Map<String, Object> c : charts) {
      assertEquals(Boolean.TRUE, c.get("instance"), "an ECharts instance: " + c);
      assertTrue(((Number) c.get("series")).intValue() > 0, "series set: " + c);
      assertTrue(((Number) c.get("width")).intValue() > 300 && ((Number) c.get("height")).intValue() > 300, "sized: " + c);
      long samples = ((Number) c.get("width")).longValue() * ((Number) c.get("height")).longValue() / 3;
      assertTrue(((Number) c.get("painted")).longValue() > samples / 50, "drawn (over 2 % of the canvas): " + c);
      assertTrue(((Number) c.get("saturated")).longValue() >= 30, "marks in colour, not only axes: " + c);
    }
    assertEquals(List.of("gpt-4o", "archon-70b", ReportFixtures.HOSTILE), modelsOf("alpaca_eval"),
        "ranked by LC win rate, the hostile name shown as text");
    assertEquals(List.of("o3-mini", "archon-70b", "gpt-4o"), modelsOf("arena_hard_v2.0"));
    assertEquals(List.of("gpt-4o", "archon-70b"), modelsOf("mt_bench"));
    assertEquals(3L, browser.executeScript("return document.querySelectorAll('table.answers tbody tr').length"));
    assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource').length"),
        "the page fetches nothing");

    screenshot(Path.of("target", "report-screenshot.png"));
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) errors.add(e.getLevel() + " " + e.getMessage());
    }
    assertEquals(List.of(), errors, "console errors and warnings");
  }

  private List<String> modelsOf(String benchmark) {
    List<String> out = new ArrayList<>();
    for (WebElement td : browser.findElements(By.cssSelector("table.leaderboard[data-benchmark='" + benchmark
        + "'] td.model"))) {
      out.add(td.getText());
    }
    return out;
  }

  /** The whole page: the window grows to the document's height first. */
  private void screenshot(Path target) throws Exception {
    long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 16000)));
    browser.executeScript("window.dispatchEvent(new Event('resize'))");
    Files.createDirectories(target.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void runReport(Path out, Path... inputs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "bench", "report", "--out", out.toString()));
    for (Path p : inputs) cmd.add(p.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bench report finished");
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("3 score results, 8 model rows, 100 answers"), output);
  }
}

package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.BrowserSession;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against a gateway serving the shipped configs (the offline Mock demos): it loads
 * with no console error, draws demo-ensemble's four layers, runs it in the playground with every layer's candidates
 * arriving and the fused answer, shows what failed in a degraded run, and its providers page moves after a request. Elements are found by role and
 * accessible name or by their label, as a user would. Screenshots go to target/console-screenshots/.
 */
class ConsoleBrowserIT {
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();
  @TempDir Path tmp;
  @RegisterExtension final BrowserSession browsers = new BrowserSession();
  private ChromeDriver browser;

  @Test
  void modelsPlaygroundProvidersAndReports() throws Exception {
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    Files.writeString(reports.resolve("judged.html"), "<!doctype html><title>judged</title><p>report</p>");
    Path settings = GatewayExtension.settings("{\"server\": {\"console_reports\": \"" + reports + "\"}}");
    // The shipped configs, a broken one, and one whose OpenAI generator (the scripted mock upstream) fails.
    Path configs = TestGateway.configs(Map.of("broken.json", "{\"name\": \"broken\", \"layers\": []}",
        "degraded-demo.json", config("degraded-demo",
        layer(component("generator", "mock-sage@20ms", "Mock", null), component("generator", "broken-gen", "OpenAI_API", null)),
        layer(component("fuser", "mock-fuser@10ms", "Mock", null)))));
    try (var shipped = Files.list(Path.of("gateway-configs"))) {
      for (Path f : shipped.toList()) Files.copy(f, configs.resolve(f.getFileName()));
    }
    MockUpstream upstream = gateway.upstream();
    upstream.respond("broken-gen", Reply.status(400).message("the model is overloaded"));
    Map<String, String> env = Map.of("OPENAI_BASE_URL", upstream.openAiBaseUrl(), "OPENAI_API_KEY", "sk-test");
    String url = TestGateway.start(gateway.vertx(), configs, env, settings, 200, true).url();
    browser = browsers.start(tmp.resolve("profile"), 1400, 1000);
    browser.get(url + "/console/");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    // Models: demo-ensemble's graph (an ECharts graph of 6 components) and its table of 4 layers.
    WebElement demo = wait.until(d -> named(d, "article", "Model demo-ensemble"));
    assertEquals("article", demo.getAriaRole());
    assertTrue(demo.getText().contains("Ready"), demo.getText());
    WebElement graph = named(demo, "div", "Architecture of demo-ensemble: 4 layers, left to right");
    assertTrue(List.of("img", "image").contains(graph.getAriaRole()), graph.getAriaRole());
    wait.until(d -> ((Number) browser.executeScript(
        "var c = echarts.getInstanceByDom(arguments[0]); return c ? c.getOption().series[0].data.length : 0;",
        graph)).intValue() == 6);
    assertTrue(graph.findElements(By.tagName("text")).stream().anyMatch(t -> t.getText().contains("mock-fuser")),
        "node labels drawn as SVG text");
    demo.findElement(By.tagName("summary")).click();
    WebElement table = named(demo, "table", "Layers of demo-ensemble");
    List<List<String>> rows = rows(table);
    assertEquals(6, rows.size(), rows.toString());
    assertEquals(List.of("1", "1", "1", "2", "3", "4"), rows.stream().map(r -> r.get(0)).toList());
    assertEquals(List.of("1", "generator", "mock-sage@20ms", "Mock", "2"), rows.get(0));
    assertEquals(List.of("4", "fuser", "mock-fuser@10ms", "Mock", "1"), rows.get(5));
    WebElement mixture = named(browser, "article", "Model mixture-fused");
    assertTrue(mixture.getText().contains("Not ready") && mixture.getText().contains("Missing variables"),
        "a model whose provider keys are missing says which: " + mixture.getText());
    WebElement rejected = named(browser, "table", "Rejected config files");
    assertTrue(rejected.getText().contains("broken.json"), "the rejected file and its problem: " + rejected.getText());
    shot("models.png");

    // Playground: run demo-ensemble and watch every layer fill in.
    link("Playground").click();
    new Select(labelled("Model")).selectByVisibleText("demo-ensemble");
    labelled("User message").sendKeys("How do I make a cake?");
    button("Run").click();
    WebElement status = browser.findElement(By.cssSelector("[role=status].status"));
    wait.until(d -> status.getText().startsWith("Done") || status.getText().startsWith("Failed"));
    assertEquals("Done", status.getText());
    for (String[] generator : new String[][] {{"mock-sage@20ms", "2"}, {"mock-scout@20ms", "1"}, {"mock-poet@20ms", "1"}}) {
      WebElement card = named(named(browser, "section", "Layer 1"), "article", "Layer 1 generator " + generator[0]);
      List<WebElement> candidates = named(card, "ol", "Candidates of generator " + generator[0])
          .findElements(By.tagName("li"));
      assertEquals(Integer.parseInt(generator[1]), candidates.size(), generator[0]);
      candidates.forEach(c -> assertFalse(c.getText().isBlank()));
      assertTrue(card.getText().contains("ms") && card.getText().contains("tokens"), "latency and tokens: " + card.getText());
    }
    WebElement critic = named(named(browser, "section", "Layer 2"), "article", "Layer 2 critic mock-critic@10ms");
    assertEquals(4, named(critic, "ol", "Critiques of mock-critic@10ms").findElements(By.tagName("li")).size());
    WebElement ranker = named(named(browser, "section", "Layer 3"), "article", "Layer 3 ranker mock-judge@10ms");
    assertTrue(ranker.getText().matches("(?s).*Ranking: \\[\\d] > \\[\\d] > \\[\\d].*"), ranker.getText());
    WebElement fuser = named(named(browser, "section", "Layer 4"), "article", "Layer 4 fuser mock-fuser@10ms");
    String fused = named(fuser, "ol", "Candidates of fuser mock-fuser@10ms").getText();
    String answer = named(browser, "div", "Fused answer").getText();
    assertFalse(answer.isBlank());
    assertEquals(fused, answer, "the streamed answer is the fuser's candidate");
    String plain = Http.post(url + "/v1/chat/completions", Http.chat("demo-ensemble", "How do I make a cake?", null)).body();
    assertTrue(plain.contains("\"content\":\"" + answer.substring(0, 20)), "same answer as a plain request");
    fullPageShot("playground.png");

    // A degraded run says what failed, on the component and under the answer.
    new Select(labelled("Model")).selectByVisibleText("degraded-demo");
    button("New conversation").click();
    labelled("User message").sendKeys("How do I make tea?");
    button("Run").click();
    wait.until(d -> status.getText().startsWith("Done") || status.getText().startsWith("Failed"));
    assertEquals("Done (degraded)", status.getText());
    WebElement broken = named(named(browser, "section", "Layer 1"), "article", "Layer 1 generator broken-gen");
    assertTrue(broken.getText().contains("failed") && broken.getText().contains("the model is overloaded"),
        broken.getText());
    assertTrue(named(browser, "ul", "What failed").getText().contains("broken-gen"));
    assertFalse(named(browser, "div", "Fused answer").getText().isBlank(), "the answer comes from what succeeded");
    shot("playground-degraded.png");

    // Providers: the Mock provider's call count moves after a request, without reloading the page.
    link("Providers").click();
    WebElement providers = wait.until(d -> named(d, "table", "Providers"));
    wait.until(d -> mockCalls(providers) > 0);
    int before = mockCalls(providers);
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("demo-ensemble", "Hi", null)).statusCode());
    wait.until(d -> mockCalls(providers) > before);
    assertTrue(providers.getText().contains("CLOSED"), providers.getText());
    shot("providers.png");

    // Reports: the configured folder's pages, linked.
    link("Reports").click();
    WebElement list = wait.until(d -> named(d, "ul", "Report pages"));
    wait.until(d -> !list.findElements(By.linkText("judged.html")).isEmpty());
    assertTrue(list.findElement(By.linkText("judged.html")).getAttribute("href").endsWith("/console/reports/judged.html"));
    shot("reports.png");

    assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource')"
        + ".filter(function (e) { return e.name.indexOf(location.origin) !== 0; }).length"), "nothing fetched elsewhere");
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) errors.add(e.getLevel() + " " + e.getMessage());
    }
    assertEquals(List.of(), errors, "console errors and warnings");
  }

  /** The first element of {@code tag} under {@code root} whose accessible name is {@code name}, or null. */
  private static WebElement named(SearchContext root, String tag, String name) {
    return root.findElements(By.tagName(tag)).stream().filter(e -> name.equals(e.getAccessibleName())).findFirst()
        .orElse(null);
  }

  /**
   * The form control whose label reads {@code text}, waited for: a navigation link only changes the URL's hash, and
   * Alpine draws the page's controls once the browser has fired the hashchange event, after the click has returned;
   * looking once right after the click raced that (CI failed on it).
   */
  private WebElement labelled(String text) {
    WebElement label;
    try {
      label = new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.tagName("label")).stream()
          .filter(l -> l.getText().equals(text)).findFirst().orElse(null));
    } catch (TimeoutException e) {
      throw new AssertionError("no label " + text, e);
    }
    return browser.findElement(By.id(label.getAttribute("for")));
  }

  private WebElement button(String name) {
    WebElement b = named(browser, "button", name);
    if (b == null) throw new AssertionError("no button named " + name);
    return b;
  }

  /** A link of the console's navigation landmark. */
  private WebElement link(String name) {
    WebElement nav = named(browser, "nav", "Console pages");
    assertEquals("navigation", nav.getAriaRole());
    return nav.findElement(By.linkText(name));
  }

  private static List<List<String>> rows(WebElement table) {
    List<List<String>> out = new ArrayList<>();
    for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
      out.add(tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }
    return out;
  }

  private static int mockCalls(WebElement providers) {
    for (List<String> row : rows(providers)) {
      if (row.get(0).equals("Mock")) return Integer.parseInt(row.get(2));
    }
    return 0;
  }

  /** The whole page: the window grows to the document's height first (then back). */
  private void fullPageShot(String name) throws Exception {
    org.openqa.selenium.Dimension before = browser.manage().window().getSize();
    long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int) Math.min(height + 100, 4000)));
    shot(name);
    browser.manage().window().setSize(before);
  }

  private void shot(String name) throws Exception {
    Files.createDirectories(SHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }
}

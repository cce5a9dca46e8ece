package ai.archon.gateway.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.config.ValidateCommand;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.spi.Extensions;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.MockUpstream;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code search} in the scripted world of {@link SearchWorld}, against the mock upstream. */
class SearchTest {
  /** Two models and at most two layers: a small space for the tests that are not about finding the best. */
  private static final String[] SMALL = {"--models", "OpenAI_API/alpha,OpenAI_API/beta", "--max-latency-layers", "2"};

  @TempDir Path tmp;
  /** The Vert.x and mock upstream of each test, closed after it. */
  @RegisterExtension final GatewayExtension fixture = new GatewayExtension();
  private final MockUpstream upstream = fixture.upstream();
  Map<String, String> env;

  @BeforeEach
  void start() {
    SearchWorld.script(upstream);
    env = SearchWorld.env(upstream, tmp);
    SearchWorld.questions(tmp);
  }

  @Test
  void findsTheFusionOfAlphaAndBetaByGammaWithinAThirdOfExhaustiveSearch() throws Exception {
    int space = SearchSpace.enumerate(List.of(ModelRef.parse("OpenAI_API/alpha"), ModelRef.parse("OpenAI_API/beta"),
        ModelRef.parse("OpenAI_API/gamma")), Integer.MAX_VALUE).size();
    long budget = SearchWorld.exhaustiveCallsAtLeast(space) / 3;

    SearchWorld.Run run = SearchWorld.search(env, tmp.resolve("out"), "--budget-calls", Long.toString(budget));

    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    JsonNode summary = run.summary();
    assertEquals(9.0, summary.get("best_score").asDouble(), 1e-9, run.stderr());
    assertEquals(SearchWorld.QUESTIONS, summary.get("best_questions").asInt(), "scored on every question");
    assertTrue(summary.get("spent").get("calls").asLong() <= budget);
    assertEquals(upstream.calls(), summary.get("upstream_calls").asLong(), "every upstream call is counted");
    assertTrue(summary.get("calls_saved_by_reuse").asLong() > 0, "candidates sharing generators share their calls");
    JsonNode best = run.best();
    List<String> generators = new ArrayList<>();
    best.at("/layers").forEach(layer -> layer.forEach(c -> {
      if (c.get("type").asText().equals("generator")) generators.add(c.get("model").asText());
    }));
    assertEquals(List.of("alpha", "beta"), generators, best.toString());
    assertEquals(2, best.at("/layers").size(), "the simplest of equal score: generators, then one fuser");
    JsonNode last = best.at("/layers").get(1).get(0);
    assertEquals("fuser", last.get("type").asText());
    assertEquals("gamma", last.get("model").asText());
    assertEquals(1, best.at("/layers/0/0/samples").asInt());
    List<String> frontier = new ArrayList<>();
    summary.get("pareto_frontier").forEach(p -> frontier.add(p.get("id").asText()));
    assertTrue(frontier.contains(summary.get("best").asText()), "the best is on the Pareto frontier");
    assertTrue(summary.get("architectures").asInt() < space / 10, "far fewer architectures tried than the space holds: "
        + summary.get("architectures") + " of " + space);
    JsonNode line = run.architectures().get(0);
    for (String field : List.of("config", "score", "ci_lower", "ci_upper", "questions", "cost_usd_per_query",
        "calls_per_query", "layers")) {
      assertTrue(line.has(field), field);
    }
    assertEveryArchitectureValidates(run);
    String html = Files.readString(run.out().resolve("report.html"));
    assertTrue(html.contains("\"kind\":\"pareto\"") && html.contains("\"kind\":\"progress\""), "both charts");
    assertTrue(html.contains(summary.get("best").asText()));
  }

  @Test
  void theReportedBestKeepsTheLimitsOnLayersAndCostPerQuery() throws Exception {
    // the marker needs gamma's fusion, over 0.0018 a query; with alpha or beta fusing, 7 is the most
    SearchWorld.Run run = SearchWorld.search(env, tmp.resolve("out"), "--budget-calls", "100000",
        "--max-latency-layers", "2", "--max-cost-per-query", "0.0018");

    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    JsonNode summary = run.summary();
    assertEquals(7.0, summary.get("best_score").asDouble(), 1e-9, run.stderr());
    assertTrue(summary.get("best_layers").asInt() <= 2);
    assertTrue(summary.get("best_cost_usd_per_query").asDouble() <= 0.0018);
    for (JsonNode a : run.architectures()) assertTrue(a.get("layers").asInt() <= 2, a.toString());
    assertTrue(run.architectures().stream().anyMatch(a -> a.get("cost_usd_per_query").asDouble() > 0.0018),
        "dearer architectures were scored, and left out of the best");
    assertEveryArchitectureValidates(run);
  }

  @Test
  void theSameSearchAgainWithTheSharedCacheMakesNoUpstreamCall() {
    SearchWorld.Run first = SearchWorld.search(env, tmp.resolve("out"), concat(SMALL, "--budget-calls", "100000"));
    assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
    JsonNode summary = first.summary();
    List<String> evaluated = first.architectures().stream().map(a -> a.get("id").asText() + "@" + a.get("rung")).toList();
    int calls = upstream.calls();
    assertEquals(calls, summary.get("upstream_calls").asLong());
    assertTrue(summary.get("calls_saved_by_reuse").asLong() > 0, "architectures sharing generators share their calls");

    SearchWorld.Run second = SearchWorld.search(env, tmp.resolve("out"), concat(SMALL, "--budget-calls", "100000"));

    assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
    assertEquals(calls, upstream.calls(), "nothing went upstream the second time");
    JsonNode again = second.summary();
    assertEquals(0, again.get("upstream_calls").asLong());
    assertEquals(summary.get("best").asText(), again.get("best").asText());
    assertEquals(evaluated, second.architectures().stream().map(a -> a.get("id").asText() + "@" + a.get("rung"))
        .toList(), "the same search, step for step");
    assertEquals(calls + summary.get("calls_saved_by_reuse").asLong(), again.get("calls_saved_by_reuse").asLong(),
        "every call of the first run was answered from the cache");
  }

  @Test
  void stopsAtTheBudgetWithinOneEvaluationAndStillWritesTheBestSoFar() {
    SearchWorld.Run run = SearchWorld.search(env, tmp.resolve("out"), "--budget-calls", "60");

    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    JsonNode summary = run.summary();
    assertEquals("budget", summary.get("stopped").asText());
    List<JsonNode> lines = run.architectures();
    long spent = summary.get("spent").get("calls").asLong();
    assertTrue(spent >= 60, "spent " + spent);
    long beforeLast = lines.size() < 2 ? 0 : lines.get(lines.size() - 2).get("upstream_calls").asLong();
    assertTrue(beforeLast < 60, "the last evaluation started under the budget");
    assertEquals(spent, lines.get(lines.size() - 1).get("upstream_calls").asLong(), "nothing after it");
    assertEquals(upstream.calls(), spent);
    assertTrue(Files.isRegularFile(run.out().resolve("best.json")));
    assertTrue(Files.isRegularFile(run.out().resolve("report.html")));
    assertFalse(summary.get("best_score").isNull());
  }

  @Test
  void resumeContinuesWithoutPayingForFinishedEvaluationsAgain() {
    SearchWorld.Run first = SearchWorld.search(env, tmp.resolve("out"), concat(SMALL, "--budget-calls", "40"));
    assertEquals("budget", first.summary().get("stopped").asText());
    List<String> before = first.architectures().stream().map(JsonNode::toString).toList();
    int calls = upstream.calls();

    SearchWorld.Run resumed = SearchWorld.search(env, tmp.resolve("out"), concat(SMALL, "--budget-calls", "100000",
        "--resume"));

    assertEquals(0, resumed.exitCode(), resumed.stdout() + resumed.stderr());
    List<JsonNode> after = resumed.architectures();
    assertEquals(before, after.subList(0, before.size()).stream().map(JsonNode::toString).toList(), "kept as they were");
    assertTrue(after.size() > before.size(), "and continued");
    Set<String> done = new HashSet<>();
    for (JsonNode a : after) assertTrue(done.add(a.get("id").asText() + "@" + a.get("rung")), "evaluated once: " + a);
    assertEquals(upstream.calls(), resumed.summary().get("upstream_calls").asLong(), "spending carried over");
    assertTrue(upstream.calls() > calls);
    assertEquals("converged", resumed.summary().get("stopped").asText());
  }

  /** Every config the search wrote to architectures.jsonl and best.json loads with {@code validate}. */
  private void assertEveryArchitectureValidates(SearchWorld.Run run) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("emitted"));
    Set<String> seen = new HashSet<>();
    for (JsonNode a : run.architectures()) {
      String name = a.at("/config/name").asText();
      if (seen.add(name)) Files.writeString(dir.resolve(name + ".json"), a.get("config").toString());
    }
    Files.writeString(dir.resolve("best.json"), run.best().toString().replace(run.best().get("name").asText(),
        "best-copy"));
    Extensions extensions = Extensions.fromClassPath();
    ConfigLoader loader = ConfigLoader.forSettings(SettingsLoader.load(Path.of(env.get("ARCHON_SETTINGS")), env,
        extensions), ComponentFactory.SUPPORTED, extensions);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ValidateCommand.run(List.of(dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), loader);
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, report);
    assertTrue(report.contains((seen.size() + 1) + " files: " + (seen.size() + 1) + " OK"), report);
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}

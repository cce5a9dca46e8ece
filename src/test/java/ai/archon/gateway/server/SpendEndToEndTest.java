package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Prometheus;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The cost of every answer ({@code usage.cost}, the trace's breakdown) from the mock's reported tokens and the
 * settings' prices, and spend budgets: refused before any upstream call once spent, and never overspent by more than
 * one request's reserved estimate under concurrency.
 */
class SpendEndToEndTest extends GatewayTestBase {
  private static final String KEY = "sk-team-a-spend";

  /** Three generators on three priced models, then a fuser on a fourth. */
  private static final String ENSEMBLE = config("trio",
      layer(component("generator", "gen-a", "OpenAI_API", null), component("generator", "gen-b", "OpenAI_API", null),
          component("generator", "gen-c", "OpenAI_API", null)),
      layer(component("fuser", "fuse-x", "OpenAI_API", null)));
  private static final String PRICES = "\"price_per_mtok\":{"
      + "\"OpenAI_API/gen-a\":{\"input\":1.5,\"output\":2.0},"
      + "\"OpenAI_API/gen-b\":{\"input\":3.0,\"output\":15.0},"
      + "\"OpenAI_API/gen-c\":{\"input\":0.25,\"output\":1.25},"
      + "\"OpenAI_API/fuse-x\":{\"input\":10.0,\"output\":30.0}}";

  private String start(String settingsBody, Map<String, String> configs) throws IOException {
    return TestGateway.start(gateway.vertx(), TestGateway.configs(configs), gateway.env(), settings(settingsBody), 200)
        .url();
  }

  private Path settings(String settingsBody) throws IOException {
    Path settings = Files.createTempFile("archon-settings", ".json");
    Files.writeString(settings, "{" + settingsBody + "}");
    gateway.env().put("TEAM_A_KEY", KEY);
    return settings;
  }

  private void scriptTrio() {
    upstream.respond("gen-a", Reply.text("alpha").usage(120, 40));
    upstream.respond("gen-b", Reply.text("bravo").usage(130, 55));
    upstream.respond("gen-c", Reply.text("charlie").usage(110, 70));
    upstream.respond("fuse-x", Reply.text("fused answer").usage(400, 90));
  }

  /** The cost of the trio from the tokens scripted above, computed apart from the gateway. */
  private static double trioCost() {
    return (120 * 1.5 + 40 * 2.0) / 1e6 + (130 * 3.0 + 55 * 15.0) / 1e6 + (110 * 0.25 + 70 * 1.25) / 1e6
        + (400 * 10.0 + 90 * 30.0) / 1e6;
  }

  @Test
  void theCostOfAnEnsembleIsTheSumOfItsCallsAndTheTraceAddsUpToIt() throws Exception {
    scriptTrio();
    String url = start(PRICES, Map.of("trio.json", ENSEMBLE));
    HttpResponse<String> r = Http.post(url + "/v1/chat/completions", Http.chat("trio", "Name a colour.", null),
        Map.of("x-archon-trace", "1"));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = Json.parse(r.body());
    assertEquals(trioCost(), body.at("/usage/cost").asDouble(), 1e-9);
    assertEquals(trioCost(), body.at("/archon/cost").asDouble(), 1e-9);
    double layers = 0;
    double components = 0;
    for (JsonNode layer : body.at("/archon/layers")) {
      layers += layer.path("cost").asDouble();
      for (JsonNode c : layer.path("components")) components += c.path("cost").asDouble();
    }
    assertEquals(trioCost(), layers, 1e-9, "the layers add up to the cost");
    assertEquals(trioCost(), components, 1e-9, "the components add up to the cost");
    assertEquals((400 * 10.0 + 90 * 30.0) / 1e6, body.at("/archon/layers/1/components/0/cost").asDouble(), 1e-9);
  }

  /** The documented spend series, wired into the Prometheus events late: pinned to the settled cost. */
  @Test
  void theSpendCounterCarriesTheEnsemblesCostByKeyAndModel() throws Exception {
    scriptTrio();
    String url = TestGateway.startWithMetrics(gateway.vertx(), TestGateway.configs(Map.of("trio.json", ENSEMBLE)),
        gateway.env(), settings(PRICES)).url();
    HttpResponse<String> r = Http.post(url + "/v1/chat/completions", Http.chat("trio", "Name a colour.", null));
    assertEquals(200, r.statusCode(), r.body());
    String metrics = Http.get(url + "/metrics").body();
    assertEquals(trioCost(),
        Prometheus.value(metrics, "archon_spend_usd_total", "key=\"none\"", "model=\"trio\""), 1e-9);
  }

  @Test
  void aStreamCarriesTheSameCostInItsUsageChunk() throws Exception {
    scriptTrio();
    String url = start(PRICES, Map.of("trio.json", ENSEMBLE));
    HttpResponse<String> r = Http.post(url + "/v1/chat/completions", Http.chat("trio", "Name a colour.",
        "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertEquals(200, r.statusCode(), r.body());
    List<String> events = Http.sseData(r.body());
    JsonNode usage = Json.parse(events.get(events.size() - 2)).path("usage");
    assertEquals(trioCost(), usage.path("cost").asDouble(), 1e-9, events.toString());
  }

  @Test
  void aModelWithoutAPriceMakesTheCostNullNeverAWrongNumber() throws Exception {
    scriptTrio();
    String withoutFuser = PRICES.replace(",\"OpenAI_API/fuse-x\":{\"input\":10.0,\"output\":30.0}", "");
    String url = start(withoutFuser, Map.of("trio.json", ENSEMBLE));
    JsonNode body = Json.parse(Http.post(url + "/v1/chat/completions", Http.chat("trio", "Name a colour.", null),
        Map.of("x-archon-trace", "1")).body());
    assertTrue(body.at("/usage").has("cost"), body.toString());
    assertTrue(body.at("/usage/cost").isNull(), body.toString());
    assertTrue(body.at("/archon/layers/1/cost").isNull());
    assertEquals((120 * 1.5 + 40 * 2.0) / 1e6, body.at("/archon/layers/0/components/0/cost").asDouble(), 1e-9,
        "a priced component keeps its cost");
  }

  private String budgeted(String budgetUsd, String extraSettings) throws IOException {
    upstream.respond("gen-a", Reply.text("alpha").usage(100, 20));
    return start("\"keys\":[{\"key_env\":\"TEAM_A_KEY\",\"name\":\"team-a\",\"budget\":{\"usd\":" + budgetUsd
        + ",\"period\":\"day\"}}],\"spend\":{\"file\":\"" + Files.createTempDirectory("spend").resolve("spend.json")
        + "\"},\"price_per_mtok\":{\"OpenAI_API/gen-a\":{\"input\":2.0,\"output\":10.0}}" + extraSettings,
        Map.of("solo.json", config("solo", layer(component("generator", "gen-a", "OpenAI_API",
            "\"max_tokens\":50")))));
  }

  /** One request of the budget tests costs this: 100 input tokens at $2, 20 output tokens at $10 per million. */
  private static final double SOLO_COST = (100 * 2.0 + 20 * 10.0) / 1e6;

  private static HttpResponse<String> ask(String url) {
    return Http.post(url + "/v1/chat/completions", Http.chat("solo", "Name a colour.", null),
        Map.of("authorization", "Bearer " + KEY));
  }

  /** The key's spend report once no request holds an estimate any more. */
  private static JsonNode settled(String url) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode report = Json.parse(Http.get(url + "/v1/archon/spend?key=team-a&period=day",
          Map.of("authorization", "Bearer " + KEY)).body());
      if (report.path("held_usd").asDouble() == 0) return report;
      Thread.sleep(25);
    }
    throw new AssertionError("a hold was never released");
  }

  @Test
  void aDailyBudgetAdmitsUntilSpentThenRefusesWith429AndNoUpstreamCall() throws Exception {
    String url = budgeted("0.001", "");
    int answered = 0;
    HttpResponse<String> r = null;
    for (int i = 0; i < 10; i++) {
      r = ask(url);
      if (r.statusCode() != 200) break;
      answered++;
      assertEquals("0.001000", r.headers().firstValue(SpendGate.LIMIT).orElse(null));
      assertNotNull(r.headers().firstValue(SpendGate.REMAINING).orElse(null));
      assertEquals(SOLO_COST, Json.parse(r.body()).at("/usage/cost").asDouble(), 1e-12);
      settled(url);
    }
    // Admitted while anything is left: $0.0004 a request, so the 3rd brings it to $0.0012 and the 4th is refused.
    assertEquals(3, answered);
    assertEquals(429, r.statusCode(), r.body());
    JsonNode error = Json.parse(r.body()).path("error");
    assertEquals("budget_exceeded", error.path("code").asText());
    assertEquals("rate_limit_error", error.path("type").asText());
    assertTrue(error.path("message").asText().contains("team-a"));
    long retryAfter = Long.parseLong(r.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "seconds to the next UTC midnight: " + retryAfter);
    assertEquals("0.001000", r.headers().firstValue(SpendGate.LIMIT).orElse(null));
    assertEquals("0.000000", r.headers().firstValue(SpendGate.REMAINING).orElse(null));
    assertEquals(3, upstream.calls("gen-a"), "the refused request made no upstream call");
    JsonNode report = settled(url);
    assertEquals(3 * SOLO_COST, report.path("spent_usd").asDouble(), 1e-12);
    assertEquals(3 * SOLO_COST, report.at("/by_model/solo").asDouble(), 1e-12);
    assertEquals(0, report.at("/budget/remaining_usd").asDouble(), 1e-12);
    JsonNode view = Json.parse(Http.get(url + "/v1/archon/providers", Map.of("authorization", "Bearer " + KEY)).body());
    assertEquals(3 * SOLO_COST, view.at("/spend/keys/team-a/spent_usd").asDouble(), 1e-12, view.toString());
  }

  @Test
  void twentyConcurrentRequestsAtTheEdgeOverspendByAtMostOneEstimate() throws Exception {
    double budget = 0.004; // ten requests' real cost; a request's estimate is about $0.0026
    String url = budgeted(Double.toString(budget), "");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<HttpResponse<String>>> burst = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) burst.add(pool.submit(() -> ask(url)));
      int ok = 0;
      for (Future<HttpResponse<String>> f : burst) {
        int status = f.get().statusCode();
        assertTrue(status == 200 || status == 429, f.get().body());
        if (status == 200) ok++;
      }
      assertTrue(ok >= 1, "at least the first request is admitted");
      assertTrue(ok <= 10, "the budget stops the burst: " + ok);
      assertEquals(ok, upstream.calls("gen-a"), "refused requests made no upstream call");
      // The worst case of one request: prompt (the body's bytes / 4) plus the template allowance, and max_tokens.
      long prompt = (Http.chat("solo", "Name a colour.", null).length() + 3) / 4;
      double estimate = ((prompt + 1024) * 2.0 + 50 * 10.0) / 1e6;
      double spent = settled(url).path("spent_usd").asDouble();
      assertEquals(ok * SOLO_COST, spent, 1e-12);
      assertTrue(spent <= budget + estimate, spent + " > " + budget + " + " + estimate);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aModelBudgetHoldsForEveryKeyAndAnUnpricedModelIsNotBudgetable() throws Exception {
    upstream.respond("gen-a", Reply.text("alpha").usage(100, 20));
    upstream.respond("gen-free", Reply.text("beta").usage(100, 20));
    String url = start("\"spend\":{\"budgets\":{\"solo\":{\"usd\":0.0005,\"period\":\"week\"},"
        + "\"unpriced\":{\"usd\":1,\"period\":\"day\"}},\"file\":\""
        + Files.createTempDirectory("spend").resolve("spend.json") + "\"},"
        + "\"price_per_mtok\":{\"OpenAI_API/gen-a\":{\"input\":2.0,\"output\":10.0}}",
        Map.of("solo.json", config("solo", layer(component("generator", "gen-a", "OpenAI_API", "\"max_tokens\":50"))),
            "unpriced.json", config("unpriced", layer(component("generator", "gen-free", "OpenAI_API", null)))));
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 3; i++) {
      last = Http.post(url + "/v1/chat/completions", Http.chat("solo", "Name a colour.", null));
      statuses.add(last.statusCode());
      awaitModelSettled(url, "solo");
    }
    assertEquals(List.of(200, 200, 429), statuses);
    assertEquals("budget_exceeded", Json.parse(last.body()).at("/error/code").asText());
    assertTrue(Json.parse(last.body()).at("/error/message").asText().contains("model 'solo'"), last.body());
    assertTrue(last.headers().firstValue(SpendGate.LIMIT).isEmpty(), "the usd headers are a key budget's");
    assertEquals(2, upstream.calls("gen-a"));

    HttpResponse<String> unpriced = Http.post(url + "/v1/chat/completions", Http.chat("unpriced", "Hi.", null));
    assertEquals(400, unpriced.statusCode(), unpriced.body());
    assertEquals("model_not_priced", Json.parse(unpriced.body()).at("/error/code").asText());
    assertEquals(0, upstream.calls("gen-free"));
  }

  private static void awaitModelSettled(String url, String model) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode report = Json.parse(Http.get(url + "/v1/archon/spend?model=" + model + "&period=week").body());
      if (report.has("held_usd") && report.path("held_usd").asDouble() == 0) return;
      Thread.sleep(25);
    }
    throw new AssertionError("a hold was never released");
  }

  @Test
  void aKeyReadsOnlyItsOwnReport() throws Exception {
    String url = budgeted("1", "");
    assertEquals(200, Http.get(url + "/v1/archon/spend?key=team-a", Map.of("authorization", "Bearer " + KEY))
        .statusCode());
    assertEquals(403, Http.get(url + "/v1/archon/spend?key=team-b", Map.of("authorization", "Bearer " + KEY))
        .statusCode());
    assertEquals(401, Http.get(url + "/v1/archon/spend?key=team-a").statusCode());
    assertEquals(400, Http.get(url + "/v1/archon/spend?key=team-a&period=year",
        Map.of("authorization", "Bearer " + KEY)).statusCode());
  }
}

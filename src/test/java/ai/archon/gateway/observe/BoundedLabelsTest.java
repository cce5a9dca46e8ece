package ai.archon.gateway.observe;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 5,000 client-invented pass-through model names leave /metrics and the breakers bounded. */
class BoundedLabelsTest {
  private Vertx vertx;
  private String url;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    Path settings = Files.createTempFile("gateway", ".json");
    Files.writeString(settings, "{\"providers\": {\"OpenAI_API\": {\"circuit_breaker\": {\"scope\": \"model\"}}},"
        + " \"price_per_mtok\": {\"OpenAI_API/priced\": {\"input\": 1, \"output\": 2}}}");
    url = TestGateway.startWithMetrics(vertx, TestGateway.configs(Map.of("one.json",
        config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))))), TestGateway.env(upstream),
        settings).url();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void fiveThousandNamesKeepMetricsUnderOneMegabyte() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Semaphore window = new Semaphore(32);
    List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      window.acquire();
      HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Http.chat("OpenAI_API/invented-" + i, "hi", null))).build();
      all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> window.release()));
    }
    for (CompletableFuture<HttpResponse<Void>> f : all) assertEquals(200, f.get().statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null)).statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/priced", "hi", null)).statusCode());

    String metrics = Http.get(url + "/metrics").body();
    assertTrue(metrics.length() < 1_000_000, "/metrics is " + metrics.length() + " bytes");
    assertFalse(metrics.contains("invented-"), "no client-chosen name is a label: " + metrics.lines().filter(l -> l.contains("invented-")).limit(3).toList());
    assertTrue(metrics.contains("model=\"other\""), "they are counted as other");
    assertTrue(metrics.contains("model=\"one\""), "virtual models keep their label");
    assertTrue(metrics.contains("model=\"gpt-x\""), "configured upstream models keep theirs");
    assertTrue(metrics.contains("model=\"priced\""), "priced models keep theirs");
    int breakers = Json.parse(Http.get(url + "/v1/archon/providers").body()).at("/data/0/breakers").size();
    assertTrue(breakers > 0 && breakers <= 257, breakers + " breakers");
  }
}

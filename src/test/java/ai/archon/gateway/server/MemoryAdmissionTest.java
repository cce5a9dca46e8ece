package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies in flight are bounded by server.max_inflight_body_bytes: the excess gets a fast 503, not an OOM. */
class MemoryAdmissionTest {
  private Vertx vertx;
  private MockUpstream upstream;
  private String url;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = MockUpstream.startBlocking(vertx);
    Path settings = Files.createTempFile("gateway", ".json");
    Files.writeString(settings, "{\"server\": {\"max_body_bytes\": 400000, \"max_inflight_body_bytes\": 500000}}");
    url = TestGateway.start(vertx, TestGateway.configs(Map.of("one.json",
        config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))))), TestGateway.env(upstream),
        settings, 200).url();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void bodiesBeyondTheBudgetGetAFast503WithRetryAfter() throws Exception {
    upstream.respond("gpt-x", Reply.text("late").delayMs(1500));
    String big = Http.chat("one", "x".repeat(300_000), null);
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> Http.post(url + "/v1/chat/completions", big));
    upstream.awaitCalls("gpt-x", 1).await(10, TimeUnit.SECONDS);
    long start = System.nanoTime();
    HttpResponse<String> second = Http.post(url + "/v1/chat/completions", big);
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once");
    assertEquals(503, second.statusCode(), second.body());
    assertEquals("overloaded", Json.parse(second.body()).at("/error/code").asText());
    assertTrue(second.headers().firstValue("retry-after").isPresent());
    assertEquals(200, Http.get(url + "/health").statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", "small", null)).statusCode());
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", big).statusCode(), "the budget is released");
  }

  @Test
  void bufferedUpstreamRepliesCountAgainstTheBudget() {
    upstream.respond("big", Reply.text("x".repeat(600_000)));
    upstream.respond("fits", Reply.text("y".repeat(300_000)));
    HttpResponse<String> tooBig = Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/big", "hi", null));
    assertEquals(503, tooBig.statusCode(), tooBig.body().substring(0, Math.min(300, tooBig.body().length())));
    assertEquals("overloaded", Json.parse(tooBig.body()).at("/error/code").asText());
    assertEquals(1, upstream.calls("big"), "our own refusal is not retried");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/fits", "hi", null)).statusCode(),
          "a reply within the budget passes, and each one gives its bytes back");
    }
    assertEquals(200, Http.get(url + "/health").statusCode());
  }
}

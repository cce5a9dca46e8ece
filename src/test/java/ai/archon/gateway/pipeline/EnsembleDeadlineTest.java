package ai.archon.gateway.pipeline;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A hung generator costs its layer's share of the deadline, not the request: the fuser still answers, degraded. */
class EnsembleDeadlineTest extends GatewayTestBase {

  @Test
  void oneHungGeneratorOfThreeGivesADegradedAnswerWellBeforeTheDeadline() throws Exception {
    upstream.respond("hung", Reply.hang());
    url = threeGenerators("{\"defaults\": {\"layer_deadline_percent\": 25, \"straggler_grace_ms\": 200}}");
    long start = System.nanoTime();
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("three", "hi", null),
        Map.of("x-archon-timeout-ms", "8000", "x-archon-trace", "1"));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, resp.statusCode(), resp.body());
    assertTrue(tookMs < 5000, "answered after " + tookMs + " ms of an 8000 ms deadline");
    assertEquals("true", resp.headers().firstValue("x-archon-degraded").orElse(""));
    assertEquals(1, upstream.calls("fuse"), "the fuser ran");
    JsonNode trace = Json.parse(resp.body()).path("archon");
    assertTrue(trace.at("/skipped/0/component").asText().contains("hung"), trace.toString());
    assertTrue(trace.at("/skipped/0/reason").asText().contains("deadline"), trace.toString());
  }

  /** Starts a gateway with {@code settingsJson} serving "three": generators g1, g2 and hung, then the fuser fuse. */
  private String threeGenerators(String settingsJson) {
    return gateway.start(Map.of("three.json", config("three",
        layer(component("generator", "g1", "OpenAI_API", null), component("generator", "g2", "OpenAI_API", null),
            component("generator", "hung", "OpenAI_API", null)),
        layer(component("fuser", "fuse", "OpenAI_API", null)))), settingsJson, 200).url();
  }

  @Test
  void aCutStragglerIsResetWhileTheFuserStillRuns() throws Exception {
    upstream.respond("hung", Reply.hang());
    upstream.respond("fuse", Reply.text("fused").delayMs(3000));
    url = threeGenerators(
        "{\"defaults\": {\"layer_deadline_percent\": 25, \"straggler_grace_ms\": 200}}");
    CompletableFuture<HttpResponse<String>> resp = CompletableFuture.supplyAsync(() -> Http.post(
        url + "/v1/chat/completions", Http.chat("three", "hi", null), Map.of("x-archon-timeout-ms", "8000")));
    upstream.awaitCalls("fuse", 1).await(10, TimeUnit.SECONDS); // the cut happened
    RecordedRequest hung = upstream.requests("hung").get(0);
    assertEquals(RecordedRequest.Outcome.CLIENT_CLOSED, hung.outcome().await(1500, TimeUnit.MILLISECONDS),
        "the cut call's connection is reset at the cut, not left running");
    assertTrue(!resp.isDone(), "reset while the fuser was still running, not at the end of the request");
    assertEquals(200, resp.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(1, upstream.calls("hung"), "no further attempt after the cut");
  }

  @Test
  void noRetryStartsThatCouldNotFinishBeforeTheCut() throws Exception {
    upstream.respond("hung", Reply.hang());
    // The hung attempt times out at 1.2 s; the layer cuts at 2 s (25 % of 8 s): a retry would need 1.2 s more.
    url = threeGenerators("{\"defaults\": {\"layer_deadline_percent\": 25,"
        + " \"straggler_grace_ms\": 200}, \"providers\": {\"OpenAI_API\": {\"timeout_ms\": 1200,"
        + " \"retry\": {\"max_attempts\": 3, \"initial_backoff_ms\": 1, \"max_backoff_ms\": 2}}}}");
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("three", "hi", null),
        Map.of("x-archon-timeout-ms", "8000"));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("true", resp.headers().firstValue("x-archon-degraded").orElse(""));
    gateway.vertx().timer(300).await(); // a retry, had one started after the first attempt's timeout, would have arrived
    assertEquals(1, upstream.calls("hung"), "the retry was not started");
  }
}

package ai.archon.gateway.resilience;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Retries, breakers, rate limits, fallbacks, deadlines and streams against the scripted mock upstream. */
class ResilienceEndToEndTest extends GatewayTestBase {

  private void gateway(String settingsJson, Map<String, String> extraEnv, Map<String, String> configs) throws IOException {
    gateway.env().putAll(extraEnv);
    url = gateway.start(configs, settingsJson.replace('\'', '"'), 100).url();
  }

  private HttpResponse<String> chat(String model, String extra, Map<String, String> headers) {
    return Http.post(url + "/v1/chat/completions", Http.chat(model, "hi", extra), headers);
  }

  private static final String ONE = config("one", layer(component("generator", "gpt-x", "OpenAI_API", null)));

  @Test
  void retryAfterIsHonouredThenTheAnswerArrives() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 3, 'initial_backoff_ms': 1}}}}", Map.of(),
        Map.of("one.json", ONE));
    upstream.respondInOrder("gpt-x", Reply.status(429).retryAfter(1), Reply.status(429).retryAfter(1));
    long start = System.nanoTime();
    HttpResponse<String> resp = chat("one", null, Map.of());
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("answer from gpt-x", Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals(3, upstream.calls("gpt-x"));
    assertTrue(tookMs >= 2000, "waited Retry-After twice, took " + tookMs + " ms");
    assertEquals("3", resp.headers().firstValue("x-archon-upstream-calls").orElse(""));
    assertEquals("2", resp.headers().firstValue("x-archon-retries").orElse(""));
  }

  @Test
  void aRetryAfterAboveTheCapGivesUpAtOnceAndOther4xxAreNotRetried() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 3, 'initial_backoff_ms': 1,"
        + " 'max_retry_after_ms': 1000}}}}", Map.of(), Map.of("one.json", ONE));
    upstream.respond("gpt-x", Reply.status(429).retryAfter(30));
    HttpResponse<String> resp = chat("one", null, Map.of());
    assertEquals(429, resp.statusCode(), resp.body());
    assertEquals("30", resp.headers().firstValue("retry-after").orElse(""), "the upstream's Retry-After passed on");
    assertEquals(1, upstream.calls("gpt-x"));
    upstream.clear();
    upstream.respond("gpt-x", Reply.status(400));
    assertEquals(502, chat("one", null, Map.of()).statusCode());
    assertEquals(1, upstream.calls("gpt-x"));
    upstream.clear();
    upstream.respondInOrder("gpt-x", Reply.status(529), Reply.status(503));
    upstream.respond("gpt-x", Reply.text("third time"));
    assertEquals(200, chat("one", null, Map.of()).statusCode());
    assertEquals(3, upstream.calls("gpt-x"));
  }

  @Test
  void anOpenBreakerSkipsItsProviderUntilAProbeSucceeds() throws Exception {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 1},"
        + " 'circuit_breaker': {'window_size': 4, 'minimum_calls': 4, 'failure_rate_threshold': 50,"
        + " 'open_ms': 1500, 'half_open_calls': 1}}}}", Map.of(),
        Map.of("two.json", config("two",
            layer(component("generator", "bad", "OpenAI_API", null), component("generator", "good", "Anthropic_API", null)),
            layer(component("fuser", "fuse", "Anthropic_API", null)))));
    upstream.respond("bad", Reply.status(500));
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> resp = chat("two", null, Map.of());
      assertEquals(200, resp.statusCode(), resp.body());
      assertEquals("true", resp.headers().firstValue("x-archon-degraded").orElse(""));
    }
    assertEquals(4, upstream.calls("bad"));
    long openedAt = System.nanoTime();
    HttpResponse<String> skipped = chat("two", null, Map.of("x-archon-trace", "1"));
    assertEquals(200, skipped.statusCode());
    assertEquals(4, upstream.calls("bad"), "no call while the breaker is open");
    assertEquals("true", skipped.headers().firstValue("x-archon-degraded").orElse(""));
    JsonNode trace = Json.parse(skipped.body()).path("archon");
    assertTrue(trace.path("degraded").asBoolean());
    assertTrue(trace.at("/skipped/0/component").asText().contains("bad"), trace.toString());
    assertTrue(trace.at("/skipped/0/reason").asText().contains("OPEN"), trace.toString());
    assertEquals("OPEN", admin().at("/data/0/breaker_state").asText());

    upstream.respond("bad", Reply.text("recovered"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<String> resp = null;
    while (upstream.calls("bad") == 4 && System.nanoTime() < deadline) {
      resp = chat("two", null, Map.of());
      if (upstream.calls("bad") == 4) TimeUnit.MILLISECONDS.sleep(100); // poll until open_ms has passed
    }
    assertEquals(5, upstream.calls("bad"), "one probe after open_ms");
    assertTrue(System.nanoTime() - openedAt >= TimeUnit.MILLISECONDS.toNanos(1400), "probe only after open_ms");
    assertFalse(resp.headers().firstValue("x-archon-degraded").isPresent(), "the probe's answer is whole");
    assertEquals("CLOSED", admin().at("/data/0/breaker_state").asText());
  }

  private JsonNode admin() {
    HttpResponse<String> resp = Http.get(url + "/v1/archon/providers");
    assertEquals(200, resp.statusCode(), resp.body());
    for (JsonNode p : Json.parse(resp.body()).path("data")) {
      if (p.path("provider").asText().equals("OpenAI_API")) {
        return Json.parse("{\"data\":[" + p + "]}");
      }
    }
    throw new AssertionError("no OpenAI_API in " + resp.body());
  }

  /** {@code n} requests for "one" sent at once; each one's answer (200) or refusal (429, naming every one of {@code words}). */
  private List<HttpResponse<String>> sentAtOnce(int n, String... words) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) all.add(pool.submit(() -> chat("one", null, Map.of())));
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : all) {
        HttpResponse<String> resp = f.get(30, TimeUnit.SECONDS);
        if (resp.statusCode() != 200) {
          assertEquals(429, resp.statusCode(), resp.body());
          String msg = Json.parse(resp.body()).at("/error/message").asText();
          for (String word : words) assertTrue(msg.contains(word), msg);
          assertTrue(resp.headers().firstValue("retry-after").isPresent());
        }
        answers.add(resp);
      }
      return answers;
    } finally {
      pool.shutdown();
    }
  }

  private static long answered(List<HttpResponse<String>> answers) {
    return answers.stream().filter(r -> r.statusCode() == 200).count();
  }

  @Test
  void anRpmLimitHoldsUnderABurstAndNoRequestIsLost() throws Exception {
    int n = 5;
    gateway("{'providers': {'OpenAI_API': {'rate_limit': {'rpm': " + n + ", 'max_queue_ms': 300}}}}", Map.of(),
        Map.of("one.json", ONE));
    upstream.respond("gpt-x", Reply.text("ok").delayMs(50));
    long start = System.nanoTime();
    List<HttpResponse<String>> answers = sentAtOnce(5 * n, "rpm " + n, "gpt-x"); // each answered or refused
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(n, answered(answers));
    assertEquals(n, upstream.calls("gpt-x"), "never more than rpm calls in the minute");
    List<RecordedRequest> seen = upstream.requests("gpt-x");
    assertTrue(seen.get(seen.size() - 1).arrivalNanos() - seen.get(0).arrivalNanos() < TimeUnit.SECONDS.toNanos(60));
    assertTrue(tookMs < 10_000, "the queued ones fail after max_queue_ms, not after a minute: " + tookMs + " ms");
    assertEquals(n, admin().at("/data/0/rate_limit/requests_last_minute").asInt());
  }

  @Test
  void maxConcurrencyQueuesTheCallsBeyondItAndRefusesThoseThatWaitLongerThanMaxQueueMs() throws Exception {
    gateway("{'providers': {'OpenAI_API': {'rate_limit': {'max_concurrency': 2, 'max_queue_ms': 1500},"
        + " 'retry': {'max_attempts': 1}}}}", Map.of(), Map.of("one.json", ONE));
    upstream.respond("gpt-x", Reply.text("ok").delayMs(1000));
    // two answered at about 1 s, two at about 2 s: the fifth's slot would come at 3 s, past its 1.5 s of queue
    List<HttpResponse<String>> answers = sentAtOnce(5, "max_concurrency", "gpt-x");
    assertEquals(4, answered(answers), "two at a time, the next two after them");
    List<RecordedRequest> seen = upstream.requests("gpt-x");
    assertEquals(4, seen.size(), "the refused call never reached the provider");
    long firstTwo = Math.max(seen.get(0).arrivalNanos(), seen.get(1).arrivalNanos());
    long secondTwo = Math.min(seen.get(2).arrivalNanos(), seen.get(3).arrivalNanos());
    assertTrue(secondTwo - firstTwo >= TimeUnit.MILLISECONDS.toNanos(900),
        "the third call waited for a slot: " + (secondTwo - firstTwo) / 1_000_000 + " ms after the second");
  }

  @Test
  void aFallbackTakesOverWhenThePrimaryIsOpen() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 2, 'initial_backoff_ms': 1},"
        + " 'circuit_breaker': {'window_size': 2, 'minimum_calls': 2, 'open_ms': 60000}}}}", Map.of(),
        Map.of("fb.json", config("fb", layer(component("generator", "primary", "OpenAI_API",
            "\"fallbacks\":[{\"model\":\"backup\",\"model_type\":\"Anthropic_API\"}]")))));
    upstream.respond("primary", Reply.status(503));
    HttpResponse<String> first = chat("fb", null, Map.of());
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("answer from backup", Json.parse(first.body()).at("/choices/0/message/content").asText());
    assertEquals(2, upstream.calls("primary"), "attempts spent, then the fallback");
    HttpResponse<String> second = chat("fb", null, Map.of("x-archon-trace", "1"));
    assertEquals(200, second.statusCode(), second.body());
    assertEquals("answer from backup", Json.parse(second.body()).at("/choices/0/message/content").asText());
    assertEquals(2, upstream.calls("primary"), "breaker open: no call to the primary");
    assertEquals(2, upstream.calls("backup"));
    assertEquals("backup (Anthropic_API)", Json.parse(second.body()).at("/archon/layers/0/components/0/fallback").asText());
  }

  @Test
  void gatewayKeysAuthenticateLimitAndFilterModels() throws IOException {
    gateway("{'keys': [{'key_env': 'TEAM_A_KEY', 'name': 'team-a', 'rpm': 2},"
        + " {'key_env': 'TEAM_B_KEY', 'name': 'team-b', 'models': ['one']}]}",
        Map.of("TEAM_A_KEY", "key-a", "TEAM_B_KEY", "key-b"),
        Map.of("one.json", ONE, "two.json", config("two", layer(component("generator", "gpt-y", "OpenAI_API", null)))));
    HttpResponse<String> none = chat("one", null, Map.of());
    assertEquals(401, none.statusCode());
    assertEquals("invalid_api_key", Json.parse(none.body()).at("/error/code").asText());
    HttpResponse<String> wrong = chat("one", null, Map.of("authorization", "Bearer key-c"));
    assertEquals(401, wrong.statusCode());
    assertFalse(wrong.body().contains("key-c"));
    assertEquals(0, upstream.calls());
    assertEquals(200, Http.get(url + "/health").statusCode(), "probes stay open");

    Map<String, String> a = Map.of("authorization", "Bearer key-a");
    HttpResponse<String> ok = chat("one", null, a);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("2", ok.headers().firstValue("x-ratelimit-limit-requests").orElse(""));
    assertEquals("1", ok.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
    assertEquals(200, chat("one", null, a).statusCode());
    HttpResponse<String> over = chat("one", null, a);
    assertEquals(429, over.statusCode(), over.body());
    assertEquals("rate_limit_exceeded", Json.parse(over.body()).at("/error/code").asText());
    long retryAfter = Long.parseLong(over.headers().firstValue("retry-after").orElse("0"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals("0", over.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
    assertTrue(over.headers().firstValue("x-ratelimit-reset-requests").orElse("").endsWith("s"));
    assertEquals(2, upstream.calls("gpt-x"));

    Map<String, String> b = Map.of("authorization", "Bearer key-b");
    assertEquals(200, chat("one", null, b).statusCode());
    HttpResponse<String> hidden = chat("two", null, b);
    assertEquals(404, hidden.statusCode());
    assertEquals("model_not_found", Json.parse(hidden.body()).at("/error/code").asText());
    // With a key the chat handler runs after the key limiter's answer: what it refuses is still answered, with its 400.
    HttpResponse<String> malformed = Http.post(url + "/v1/chat/completions", "{\"model\": \"one\", \"messages\": 42}",
        b);
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertEquals("invalid_request_error", Json.parse(malformed.body()).at("/error/type").asText());
    JsonNode models = Json.parse(Http.get(url + "/v1/models", b).body()).path("data");
    assertEquals(1, models.size());
    assertEquals("one", models.get(0).path("id").asText());
    assertEquals(2, Json.parse(Http.get(url + "/v1/models", a).body()).path("data").size());
  }

  @Test
  void theDeadlineEndsAHangingRequestWith504AndClosesTheUpstreamCall() throws Exception {
    gateway("{'defaults': {'request_timeout_ms': 60000}}", Map.of(), Map.of("one.json", ONE));
    upstream.respond("gpt-x", Reply.hang());
    long start = System.nanoTime();
    HttpResponse<String> resp = chat("one", null, Map.of("x-archon-timeout-ms", "700"));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(504, resp.statusCode(), resp.body());
    assertEquals("timeout", Json.parse(resp.body()).at("/error/code").asText());
    assertTrue(tookMs >= 650 && tookMs < 5000, "ended at the deadline: " + tookMs + " ms");
    RecordedRequest seen = upstream.requests("gpt-x").get(0);
    seen.outcome().await(5, TimeUnit.SECONDS);
    assertTrue(seen.clientClosedEarly(), "the upstream call was cancelled");
  }

  @Test
  void aStreamFailingAfterItsFirstTokenEndsWithOneErrorEventAndNoRetry() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 3, 'initial_backoff_ms': 1}}}}", Map.of(),
        Map.of("one.json", ONE));
    upstream.respond("gpt-x", Reply.text("never").chunks("alpha ", "beta ", "gamma").failAfterChunks(2));
    HttpResponse<String> resp = chat("one", "\"stream\":true", Map.of());
    assertEquals(200, resp.statusCode());
    assertEquals("alpha beta ", Http.sseText(resp.body(), 0), "no duplicate text");
    List<String> events = Http.sseData(resp.body());
    long errors = events.stream().filter(d -> d.contains("\"error\"")).count();
    assertEquals(1, errors, resp.body());
    assertFalse(events.contains("[DONE]"));
    assertEquals(1, upstream.calls("gpt-x"), "no retry once text reached the client");
  }

  @Test
  void aStreamFailingBeforeItsFirstTokenIsRetried() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 3, 'initial_backoff_ms': 1}}}}", Map.of(),
        Map.of("one.json", ONE));
    upstream.respondInOrder("gpt-x", Reply.status(502));
    upstream.respond("gpt-x", Reply.text("whole").chunks("who", "le"));
    HttpResponse<String> resp = chat("one", "\"stream\":true", Map.of());
    assertEquals("whole", Http.sseText(resp.body(), 0));
    assertEquals(2, upstream.calls("gpt-x"));
  }

  @Test
  void timeoutMsCutsASilentAttemptAndRetriesIt() throws IOException {
    gateway("{'providers': {'OpenAI_API': {'timeout_ms': 300, 'retry': {'max_attempts': 2, 'initial_backoff_ms': 1}}}}",
        Map.of(), Map.of("one.json", ONE));
    upstream.respondInOrder("gpt-x", Reply.hang());
    HttpResponse<String> resp = chat("one", null, Map.of());
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(2, upstream.calls("gpt-x"));
    assertTrue(upstream.requests("gpt-x").get(0).clientClosedEarly());
  }

  @Test
  void minCandidatesFailsALayerThatYieldsTooFew() throws IOException {
    gateway("{'defaults': {'min_candidates': 2}, 'providers': {'OpenAI_API': {'retry': {'max_attempts': 1}}}}", Map.of(),
        Map.of("two.json", config("two", layer(component("generator", "bad", "OpenAI_API", null),
            component("generator", "good", "Anthropic_API", null)))));
    upstream.respond("bad", Reply.status(500));
    HttpResponse<String> resp = chat("two", null, Map.of());
    assertEquals(502, resp.statusCode(), resp.body());
    String msg = Json.parse(resp.body()).at("/error/message").asText();
    assertTrue(msg.contains("min_candidates 2") && msg.contains("bad"), msg);
  }
}

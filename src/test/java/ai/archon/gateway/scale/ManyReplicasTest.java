package ai.archon.gateway.scale;

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
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three gateway replicas (each its own Vert.x and HTTP server) sharing one real redis-server: provider and key limits
 * hold across all three, survive a Redis outage on local shares, and are shared again once Redis is back.
 */
class ManyReplicasTest {
  private static final String KEY = "sk-team-a-test";
  @RegisterExtension final RedisReplicas fixture = new RedisReplicas();
  private MockUpstream upstream;
  private Path configs;

  @BeforeEach
  void start() {
    upstream = fixture.upstream();
    upstream.respond("gen-a", Reply.text("alpha").usage(10, 2));
    configs = TestGateway.configs(Map.of("solo.json",
        config("solo", layer(component("generator", "gen-a", "OpenAI_API", null)))));
  }

  /** Starts three replicas with these settings (redis.url is added); returns their base URLs. */
  private List<String> threeReplicas(String settingsWithoutRedis) {
    return replicas(settingsWithoutRedis, "local", 3);
  }

  private List<String> replicas(String settingsWithoutRedis, String onFailure, int count) {
    return fixture.start(configs, settingsWithoutRedis, "t:", onFailure, Map.of("TEAM_A_KEY", KEY), count);
  }

  private static HttpResponse<String> ask(String url, boolean withKey) {
    return Http.post(url + "/v1/chat/completions", Http.chat("solo", "Name a colour.", null),
        withKey ? Map.of("authorization", "Bearer " + KEY) : Map.of());
  }

  @Test
  void aProviderLimitedToNRpmGetsAtMostNCallsFromABurstOver3Replicas() throws Exception {
    int n = 3;
    List<String> urls = threeReplicas("{\"providers\":{\"OpenAI_API\":{\"rate_limit\":{\"rpm\":" + n
        + ",\"max_queue_ms\":500},\"retry\":{\"max_attempts\":1}}}}");
    ExecutorService pool = Executors.newFixedThreadPool(5 * n);
    List<Future<HttpResponse<String>>> burst = new ArrayList<>();
    try {
      for (int i = 0; i < 5 * n; i++) {
        String url = urls.get(i % 3);
        burst.add(pool.submit(() -> ask(url, false)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> f : burst) statuses.add(f.get().statusCode());
      assertEquals(n, upstream.calls("gen-a"), "the provider saw exactly its rpm across three replicas");
      assertEquals(n, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
      assertTrue(statuses.stream().allMatch(s -> s == 200 || s >= 429), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    JsonNode view = Json.parse(Http.get(urls.get(0) + "/v1/archon/providers").body());
    assertEquals("up", view.at("/shared/redis").asText());
    assertEquals(n, view.at("/shared/providers/OpenAI_API/rpm/limit").asLong(), view.toString());
    assertEquals(0, view.at("/shared/providers/OpenAI_API/rpm/remaining").asLong(), view.toString());
  }

  @Test
  void aKeyLimitedToMRpmGetsExactlyMAnswersAcross3ReplicasThen429() throws Exception {
    int m = 4;
    List<String> urls = threeReplicas("{\"keys\":[{\"key_env\":\"TEAM_A_KEY\",\"name\":\"team-a\",\"rpm\":" + m + "}]}");
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 3 * m; i++) answers.add(ask(urls.get(i % 3), true));
    assertEquals(m, answers.stream().filter(r -> r.statusCode() == 200).count());
    assertEquals(m, upstream.calls("gen-a"));
    for (HttpResponse<String> r : answers.subList(m, answers.size())) {
      assertEquals(429, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("retry-after").isPresent());
      assertEquals("0", r.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
      assertEquals(String.valueOf(m), r.headers().firstValue("x-ratelimit-limit-requests").orElse(""));
    }
  }

  @Test
  void redisStoppedMeansLocalSharesAndRedisBackMeansSharedLimitsAgain() throws Exception {
    int m = 6; // each replica's local share is 6 / replicas_hint 3 = 2
    List<String> urls = threeReplicas("{\"keys\":[{\"key_env\":\"TEAM_A_KEY\",\"name\":\"team-a\",\"rpm\":" + m + "}]}");
    assertEquals(200, ask(urls.get(0), true).statusCode());

    fixture.redis().stop();
    for (String url : urls) RedisReplicas.awaitRedis(url, "down");
    JsonNode ready = Json.parse(Http.get(urls.get(1) + "/ready").body());
    assertEquals("local", ready.at("/redis/limits").asText(), ready.toString());
    List<Integer> statuses = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) statuses.add(ask(urls.get(1), true).statusCode());
    assertTrue(System.nanoTime() - start < 3_000_000_000L, "no request hangs on the dead Redis");
    assertEquals(List.of(200, 200, 429), statuses, "replica 2 alone allows its share of 2");

    fixture.redis().restart();
    for (String url : urls) RedisReplicas.awaitRedis(url, "up");
    statuses.clear();
    for (int i = 0; i < m + 1; i++) statuses.add(ask(urls.get(i % 3), true).statusCode());
    assertEquals(m, statuses.stream().filter(s -> s == 200).count(), "shared again: " + statuses);
    assertEquals(429, statuses.get(m));
  }

  @Test
  void withRejectARedisOutageMeans503AndNotReady() throws Exception {
    String url = replicas("{\"keys\":[{\"key_env\":\"TEAM_A_KEY\",\"name\":\"team-a\",\"rpm\":6}]}", "reject", 1)
        .get(0);
    assertEquals(200, ask(url, true).statusCode());
    fixture.redis().stop();
    RedisReplicas.awaitRedis(url, "down");
    HttpResponse<String> ready = Http.get(url + "/ready");
    assertEquals(503, ready.statusCode());
    assertEquals("reject", Json.parse(ready.body()).at("/redis/limits").asText());
    HttpResponse<String> refused = ask(url, true);
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals("shared_limits_unavailable", Json.parse(refused.body()).at("/error/code").asText());
    assertEquals(1, upstream.calls("gen-a"));
    fixture.redis().restart();
    RedisReplicas.awaitRedis(url, "up");
    assertEquals(200, ask(url, true).statusCode());
  }

  @Test
  void aSharedBreakerOpensOnEveryReplica() throws Exception {
    upstream.respond("gen-a", Reply.status(500));
    List<String> urls = threeReplicas("{\"providers\":{\"OpenAI_API\":{\"retry\":{\"max_attempts\":1},"
        + "\"circuit_breaker\":{\"shared\":true,\"window_size\":2,\"minimum_calls\":2,\"open_ms\":60000}}}}");
    ask(urls.get(0), false);
    ask(urls.get(0), false);
    awaitView(urls.get(2), v -> v.toString().contains("\"breaker_state\":\"OPEN\""));
    int before = upstream.calls("gen-a");
    HttpResponse<String> r = ask(urls.get(2), false);
    assertTrue(r.statusCode() >= 500, r.body());
    assertEquals(before, upstream.calls("gen-a"), "replica 3's breaker is open too: no upstream call");
  }

  private static void awaitView(String url, Predicate<JsonNode> ok) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = Json.parse(Http.get(url + "/v1/archon/providers").body());
      if (ok.test(last)) return;
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    throw new AssertionError("not reached within 10 s: " + last);
  }
}

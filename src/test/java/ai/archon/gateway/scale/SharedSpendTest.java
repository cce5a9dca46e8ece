package ai.archon.gateway.scale;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gateway replicas on one real redis-server share one spend budget exactly; while Redis is down the budget falls
 * back as the rate limits do ({@code redis.on_failure}): this replica's share, or 503.
 */
class SharedSpendTest {
  private static final String KEY = "sk-team-a-shared-spend";
  /** 100 input tokens at $2 and 20 output tokens at $10 per million. */
  private static final double COST = (100 * 2.0 + 20 * 10.0) / 1e6;
  @RegisterExtension final RedisReplicas fixture = new RedisReplicas();
  private MockUpstream upstream;

  @BeforeEach
  void start() {
    upstream = fixture.upstream();
    upstream.respond("gen-a", Reply.text("alpha").usage(100, 20));
  }

  private List<String> replicas(int count, String onFailure) {
    return fixture.start(TestGateway.configs(Map.of("solo.json",
        config("solo", layer(component("generator", "gen-a", "OpenAI_API", "\"max_tokens\":50"))))),
        "{\"keys\":[{\"key_env\":\"TEAM_A_KEY\",\"name\":\"team-a\",\"budget\":{\"usd\":0.001,\"period\":\"day\"}}],"
        + "\"price_per_mtok\":{\"OpenAI_API/gen-a\":{\"input\":2.0,\"output\":10.0}}}", "s:", onFailure,
        Map.of("TEAM_A_KEY", KEY), count);
  }

  private static HttpResponse<String> ask(String url) {
    return Http.post(url + "/v1/chat/completions", Http.chat("solo", "Name a colour.", null),
        Map.of("authorization", "Bearer " + KEY));
  }

  /** The key's report from {@code url} once no request holds an estimate. */
  private static JsonNode settled(String url) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = Json.parse(Http.get(url + "/v1/archon/spend?key=team-a&period=day",
          Map.of("authorization", "Bearer " + KEY)).body());
      if (last.has("held_usd") && last.path("held_usd").asDouble() == 0) return last;
      LockSupport.parkNanos(20_000_000L);
    }
    throw new AssertionError("a hold was never released: " + last);
  }

  @Test
  void threeReplicasShareOneBudgetExactlyThenFallBackToTheirShareWhileRedisIsDown() throws IOException {
    List<String> urls = replicas(3, "local");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String url = urls.get(i % 3);
      statuses.add(ask(url).statusCode());
      settled(url);
    }
    // $0.0004 a request against $0.001 shared: the third replica's answer spends it; every later request is refused.
    assertEquals(List.of(200, 200, 200, 429, 429), statuses);
    assertEquals(3, upstream.calls("gen-a"));
    for (String url : urls) {
      JsonNode report = settled(url);
      assertEquals(3 * COST, report.path("spent_usd").asDouble(), 1e-12, "every replica reads the one counter");
      assertEquals(0, report.at("/budget/remaining_usd").asDouble(), 1e-12);
    }

    fixture.redis().stop();
    RedisReplicas.awaitRedis(urls.get(0), "down");
    // on_failure local: this replica counts alone against its share ($0.001 / replicas_hint 3), from zero.
    assertEquals(200, ask(urls.get(0)).statusCode());
    settled(urls.get(0));
    assertEquals(429, ask(urls.get(0)).statusCode(), "its share ($0.00033) is spent by one request");
    assertEquals(4, upstream.calls("gen-a"));
  }

  @Test
  void withOnFailureRejectABudgetedRequestGets503WhileRedisIsDown() throws IOException {
    String url = replicas(1, "reject").get(0);
    assertEquals(200, ask(url).statusCode());
    fixture.redis().stop();
    RedisReplicas.awaitRedis(url, "down");
    HttpResponse<String> r = ask(url);
    assertEquals(503, r.statusCode(), r.body());
    assertEquals("shared_limits_unavailable", Json.parse(r.body()).at("/error/code").asText());
    assertEquals(1, upstream.calls("gen-a"), "no upstream call without the budget's answer");
  }
}

package ai.archon.gateway.scale;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RedisServer;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact response cache end to end: in memory, and in Redis shared by two gateway instances. */
class ResponseCacheTest extends GatewayTestBase {
  private static final String DETERMINISTIC = "\"temperature\":0";
  private Path configs;

  @BeforeEach
  void start() {
    upstream.respond("gen-a", Reply.text("alpha answer with several words in it").usage(11, 7));
    upstream.respond("gen-b", Reply.text("bravo").usage(5, 1));
    configs = TestGateway.configs(Map.of(
        "solo.json", config("solo", layer(component("generator", "gen-a", "OpenAI_API", null))),
        "nocache.json", "{\"name\":\"nocache\",\"cache\":{\"ttl_s\":0},\"layers\":["
            + layer(component("generator", "gen-b", "OpenAI_API", null)) + "]}"));
  }

  private static HttpResponse<String> ask(String url, String model, String extra, Map<String, String> headers) {
    return Http.post(url + "/v1/chat/completions", Http.chat(model, "Name a colour.", extra), headers);
  }

  private static Optional<String> cacheHeader(HttpResponse<String> r) {
    return r.headers().firstValue("x-archon-cache");
  }

  @Test
  void oneKeysCachedAnswerNeverReachesAnotherKey() {
    gateway.env().put("ARCHON_API_KEYS", "key-a,key-b");
    String url = gateway.start(configs).url();
    HttpResponse<String> a1 = ask(url, "solo", DETERMINISTIC, Map.of("authorization", "Bearer key-a"));
    HttpResponse<String> b1 = ask(url, "solo", DETERMINISTIC, Map.of("authorization", "Bearer key-b"));
    HttpResponse<String> a2 = ask(url, "solo", DETERMINISTIC, Map.of("authorization", "Bearer key-a"));
    assertEquals(Optional.of("miss"), cacheHeader(a1));
    assertEquals(Optional.of("miss"), cacheHeader(b1));
    assertEquals(Optional.of("hit"), cacheHeader(a2));
    assertEquals(2, upstream.calls("gen-a"));
  }

  @Test
  void globalScopeSharesAnswersAcrossKeys() throws Exception {
    gateway.env().put("ARCHON_API_KEYS", "key-a,key-b");
    String url = gateway.start(configs, "{\"cache\":{\"scope\":\"global\"}}", 200).url();
    ask(url, "solo", DETERMINISTIC, Map.of("authorization", "Bearer key-a"));
    HttpResponse<String> b = ask(url, "solo", DETERMINISTIC, Map.of("authorization", "Bearer key-b"));
    assertEquals(Optional.of("hit"), cacheHeader(b));
    assertEquals(1, upstream.calls("gen-a"));
  }

  @Test
  void aRepeatedDeterministicRequestIsAnsweredFromMemoryStreamedAndNot() {
    String url = gateway.start(configs).url();
    HttpResponse<String> fresh = ask(url, "solo", DETERMINISTIC, Map.of());
    HttpResponse<String> again = ask(url, "solo", DETERMINISTIC, Map.of());
    HttpResponse<String> streamed = ask(url, "solo",
        DETERMINISTIC + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}", Map.of());

    assertEquals(1, upstream.calls("gen-a"));
    assertEquals(Optional.of("miss"), cacheHeader(fresh));
    assertEquals(Optional.of("hit"), cacheHeader(again));
    assertEquals(Optional.of("hit"), cacheHeader(streamed));
    JsonNode a = Json.parse(fresh.body());
    JsonNode b = Json.parse(again.body());
    assertEquals(a.at("/choices"), b.at("/choices"));
    assertEquals(18, b.at("/usage/total_tokens").asLong());
    assertEquals(11, b.at("/usage/prompt_tokens").asLong());
    assertTrue(b.at("/usage/cached").asBoolean());
    assertTrue(a.at("/usage/cached").isMissingNode());
    assertEquals(a.at("/choices/0/message/content").asText(), Http.sseText(streamed.body(), 0));
    JsonNode usageChunk = Json.parse(Http.sseData(streamed.body()).get(Http.sseData(streamed.body()).size() - 2));
    assertTrue(usageChunk.at("/usage/cached").asBoolean(), streamed.body());
    assertEquals(7, usageChunk.at("/usage/completion_tokens").asLong());
  }

  @Test
  void onlyDeterministicOrOptedInRequestsUseTheCacheAndOffBypassesIt() {
    String url = gateway.start(configs).url();
    ask(url, "solo", null, Map.of());
    HttpResponse<String> sampled = ask(url, "solo", null, Map.of());
    assertEquals(2, upstream.calls("gen-a"), "no temperature: the generators sample, so no cache");
    assertTrue(cacheHeader(sampled).isEmpty());

    ask(url, "solo", "\"temperature\":0.7", Map.of("x-archon-cache", "on"));
    HttpResponse<String> optedIn = ask(url, "solo", "\"temperature\":0.7", Map.of("x-archon-cache", "on"));
    assertEquals(3, upstream.calls("gen-a"));
    assertEquals(Optional.of("hit"), cacheHeader(optedIn));

    HttpResponse<String> off = ask(url, "solo", "\"temperature\":0.7", Map.of("x-archon-cache", "off"));
    assertEquals(4, upstream.calls("gen-a"), "off bypasses even a cached answer");
    assertTrue(cacheHeader(off).isEmpty());

    ask(url, "solo", "\"temperature\":0,\"max_tokens\":50", Map.of());
    assertEquals(5, upstream.calls("gen-a"), "other parameters, another entry");

    ask(url, "nocache", DETERMINISTIC, Map.of());
    ask(url, "nocache", DETERMINISTIC, Map.of());
    assertEquals(2, upstream.calls("gen-b"), "the config's own cache.ttl_s 0 turns it off");
  }

  @Test
  void twoInstancesSharingRedisShareTheCache() {
    try (RedisServer redis = RedisServer.start()) {
      gateway.env().put("ARCHON_REDIS_URL", redis.url());
      Vertx other = Vertx.vertx();
      try {
        String a = gateway.start(configs).url();
        String b = TestGateway.start(other, configs, gateway.env()).url();
        HttpResponse<String> fresh = ask(a, "solo", DETERMINISTIC, Map.of());
        HttpResponse<String> shared = ask(b, "solo", DETERMINISTIC, Map.of());
        HttpResponse<String> streamed = ask(b, "solo", DETERMINISTIC + ",\"stream\":true", Map.of());
        assertEquals(1, upstream.calls("gen-a"));
        assertEquals(Optional.of("hit"), cacheHeader(shared));
        assertEquals(Json.parse(fresh.body()).at("/choices"), Json.parse(shared.body()).at("/choices"));
        assertEquals(Json.parse(fresh.body()).at("/choices/0/message/content").asText(),
            Http.sseText(streamed.body(), 0));
        assertTrue(Json.parse(Http.get(b + "/ready").body()).at("/redis/state").asText().equals("up"));
      } finally {
        other.close().await();
      }
    }
  }

  @Test
  void editingAConfigChangesTheKeySoOldAnswersAreNotServed() {
    var chat = ai.archon.gateway.server.ChatRequestParser.parse(
        io.vertx.core.buffer.Buffer.buffer(Http.chat("solo", "hi", DETERMINISTIC)));
    var v1 = new ai.archon.gateway.config.EnsembleSpec("solo", Path.of("solo.json"), java.util.List.of(), "aaa");
    var v2 = new ai.archon.gateway.config.EnsembleSpec("solo", Path.of("solo.json"), java.util.List.of(), "bbb");
    assertEquals(ExactCache.key(v1, chat, ""), ExactCache.key(v1, chat, ""));
    assertFalse(ExactCache.key(v1, chat, "").equals(ExactCache.key(v2, chat, "")));
  }
}

package ai.archon.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RedisServer;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Responses API store in Redis: a response created on one gateway is read, continued with
 * {@code previous_response_id} and deleted on a second gateway sharing the Redis; a gateway without it does not
 * know the response (the memory store is its own).
 */
class ResponsesRedisStoreTest {
  @RegisterExtension
  final GatewayExtension gateway = new GatewayExtension();
  private final MockUpstream upstream = gateway.upstream();
  private final RedisServer redis = RedisServer.start();

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void aSecondGatewayOnTheSameRedisContinuesReadsAndDeletesAResponse() {
    upstream.respond("gpt-x", Reply.text("Blue.").usage(7, 2));
    String alone = gateway.start(GatewayExtension.oneGenerator()).url();
    gateway.env().put("ARCHON_REDIS_URL", redis.url());
    String one = gateway.start(GatewayExtension.oneGenerator()).url();
    String two = gateway.start(GatewayExtension.oneGenerator()).url();

    HttpResponse<String> created = Http.post(one + "/v1/responses", "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"A colour?\"}");
    assertEquals(200, created.statusCode(), created.body());
    String id = Json.parse(created.body()).get("id").asText();

    HttpResponse<String> read = Http.get(two + "/v1/responses/" + id);
    assertEquals(200, read.statusCode(), read.body());
    assertEquals(Json.parse(created.body()), Json.parse(read.body()));
    assertEquals(404, Http.get(alone + "/v1/responses/" + id).statusCode(), "no Redis: its own memory store");

    HttpResponse<String> next = Http.post(two + "/v1/responses", "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"Another?\","
        + "\"previous_response_id\":\"" + id + "\"}");
    assertEquals(200, next.statusCode(), next.body());
    assertEquals(Json.parse("[{\"role\":\"user\",\"content\":\"A colour?\"},{\"role\":\"assistant\",\"content\":\"Blue.\"},"
        + "{\"role\":\"user\",\"content\":\"Another?\"}]"), upstream.lastRequest().body().get("messages"));
    JsonNode second = Json.parse(next.body());
    assertEquals(200, Http.get(one + "/v1/responses/" + second.get("id").asText()).statusCode());

    assertEquals(200, Http.delete(one + "/v1/responses/" + id, Map.of()).statusCode());
    assertEquals(404, Http.get(two + "/v1/responses/" + id).statusCode());
  }

  @Test
  void withRedisDownAnAnswerIsStillGivenAndReadingSaysTheStoreIsUnavailable() {
    upstream.respond("gpt-x", Reply.text("Blue.").usage(7, 2));
    gateway.env().put("ARCHON_REDIS_URL", redis.url());
    String url = gateway.start(GatewayExtension.oneGenerator()).url();
    redis.stop();
    HttpResponse<String> created = Http.post(url + "/v1/responses", "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\"}");
    assertEquals(200, created.statusCode(), created.body());
    assertEquals("Blue.", Json.parse(created.body()).at("/output/0/content/0/text").asText());
    HttpResponse<String> read = Http.get(url + "/v1/responses/" + Json.parse(created.body()).get("id").asText());
    assertEquals(503, read.statusCode(), read.body());
    assertEquals("store_unavailable", Json.parse(read.body()).at("/error/code").asText());
  }
}

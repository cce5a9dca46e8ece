package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped offline demo of the checking components answers on the built-in Mock model type alone. */
class DemoVerifiedTest {
  @Test
  void demoVerifiedAnswersOffline() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Path dir = Files.createTempDirectory("demo");
      Files.copy(Path.of("gateway-configs/demo-verified.json"), dir.resolve("demo-verified.json"));
      String url = TestGateway.start(vertx, dir, Map.of()).url();
      HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("demo-verified", "How do I make tea?",
          null), Map.of("x-archon-trace", "1"));
      assertEquals(200, resp.statusCode(), resp.body());
      JsonNode body = Json.parse(resp.body());
      assertTrue(body.at("/choices/0/message/content").asText().startsWith("Combining"), resp.body());
      JsonNode layers = body.at("/archon/layers");
      assertEquals(5, layers.size());
      for (JsonNode layer : layers) {
        for (JsonNode c : layer.path("components")) {
          assertTrue(java.util.List.of("ok", "none_correct").contains(c.path("status").asText()), c.toString());
        }
      }
      assertEquals(2, layers.get(3).path("candidates_out").asInt());
    } finally {
      vertx.close().await();
    }
  }
}

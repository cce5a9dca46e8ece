package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With ARCHON_ADMIN_KEY set, /metrics and the admin views need it as a bearer token; the API keys do not open them. */
class AdminKeyTest {
  private Vertx vertx;
  private String url;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    Map<String, String> env = new HashMap<>(TestGateway.env(upstream));
    env.put("ARCHON_API_KEYS", "client-key");
    env.put("ARCHON_ADMIN_KEY", "admin-key");
    url = TestGateway.startWithMetrics(vertx, TestGateway.configs(Map.of("one.json",
        config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))))), env, null).url();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void metricsAndProvidersNeedTheAdminKey() {
    for (String path : new String[] {"/metrics", "/v1/archon/providers"}) {
      assertUnauthorized(Http.get(url + path));
      assertUnauthorized(Http.get(url + path, Map.of("authorization", "Bearer client-key")));
      assertUnauthorized(Http.get(url + path, Map.of("authorization", "Bearer admin-keyX")));
      assertEquals(200, Http.get(url + path, Map.of("authorization", "Bearer admin-key")).statusCode(), path);
    }
    assertTrue(Http.get(url + "/metrics", Map.of("authorization", "Bearer admin-key")).body().contains("# HELP"));
    assertEquals(200, Http.get(url + "/health").statusCode());
  }

  private static void assertUnauthorized(HttpResponse<String> resp) {
    assertEquals(401, resp.statusCode(), resp.body());
    assertEquals("invalid_api_key", Json.parse(resp.body()).at("/error/code").asText());
  }
}

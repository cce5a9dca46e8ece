package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With ARCHON_ADMIN_KEY set, /metrics and the admin views need it as a bearer token; the API keys do not open them. */
class AdminKeyTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();
  private String url;

  @BeforeEach
  void start() {
    gateway.env().put("ARCHON_API_KEYS", "client-key");
    gateway.env().put("ARCHON_ADMIN_KEY", "admin-key");
    url = gateway.startWithMetrics(GatewayExtension.oneGenerator(), null).url();
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

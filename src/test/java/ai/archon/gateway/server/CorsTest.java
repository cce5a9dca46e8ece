package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code server.cors.allowed_origins}: preflights answered without a key, headers exposed, off by default. */
class CorsTest extends GatewayTestBase {
  private static final String APP = "https://app.example.com";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();


  /** A gateway that requires a key, with {@code cors} as its server.cors section (null: none). */
  private String start(String cors) {
    gateway.env().put("ARCHON_API_KEYS", "client-key");
    String settings = cors == null ? "{}" : "{\"server\": {\"cors\": " + cors + "}}";
    return gateway.start(GatewayExtension.oneGenerator(), settings, 100).url();
  }

  private static HttpResponse<String> preflight(String url, String origin) {
    return send(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type, x-archon-trace"));
  }

  private static HttpResponse<String> chat(String url, String origin) {
    return Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null),
        Map.of("Origin", origin, "Authorization", "Bearer client-key"));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static List<String> list(HttpResponse<?> r, String name) {
    String v = header(r, name);
    return v == null ? List.of() : List.of(v.toLowerCase().split("\\s*,\\s*"));
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredWithoutAKey() {
    String url = start("{\"allowed_origins\": [\"" + APP + "\", \"http://localhost:5173\"]}");
    HttpResponse<String> resp = preflight(url, APP);
    assertTrue(resp.statusCode() == 204 || resp.statusCode() == 200, resp.statusCode() + " " + resp.body());
    assertEquals(APP, header(resp, "access-control-allow-origin"));
    assertTrue(list(resp, "access-control-allow-methods").containsAll(List.of("post", "get")), resp.headers().toString());
    assertTrue(list(resp, "access-control-allow-headers").containsAll(List.of("authorization", "content-type",
        "x-archon-trace")), resp.headers().toString());
    assertEquals(String.valueOf(CorsGate.MAX_AGE_SECONDS), header(resp, "access-control-max-age"));
    assertEquals(0, upstream.calls());
  }

  @Test
  void theActualAnswerNamesTheOriginAndExposesTheGatewaysHeaders() {
    String url = start("{\"allowed_origins\": [\"" + APP + "\"]}");
    HttpResponse<String> resp = chat(url, APP);
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(APP, header(resp, "access-control-allow-origin"));
    assertTrue(list(resp, "vary").contains("origin"), resp.headers().toString());
    assertTrue(list(resp, "access-control-expose-headers").containsAll(List.of("x-request-id",
        "x-archon-upstream-calls", "x-archon-retries", "x-ratelimit-remaining-requests", "retry-after")),
        resp.headers().toString());
    // An error answer carries them too, so the page can read the OpenAI error.
    HttpResponse<String> unauthorized = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null),
        Map.of("Origin", APP));
    assertEquals(401, unauthorized.statusCode());
    assertEquals(APP, header(unauthorized, "access-control-allow-origin"));
  }

  @Test
  void anotherOriginIsNotGranted() {
    String url = start("{\"allowed_origins\": [\"" + APP + "\"]}");
    HttpResponse<String> pre = preflight(url, "https://evil.example.net");
    assertEquals(403, pre.statusCode(), pre.body());
    assertEquals("cors_origin_not_allowed", Json.parse(pre.body()).at("/error/code").asText());
    assertFalse(pre.headers().firstValue("access-control-allow-origin").isPresent());
    // Served (the key is what guards the API), but without the headers a browser needs to let the page read it.
    HttpResponse<String> actual = chat(url, "https://evil.example.net");
    assertEquals(200, actual.statusCode(), actual.body());
    assertFalse(actual.headers().firstValue("access-control-allow-origin").isPresent());
    assertFalse(actual.headers().firstValue("access-control-expose-headers").isPresent());
  }

  @Test
  void starGrantsEveryOrigin() {
    String url = start("{\"allowed_origins\": \"*\"}");
    HttpResponse<String> pre = preflight(url, "http://localhost:3000");
    assertEquals(204, pre.statusCode(), pre.body());
    assertEquals("*", header(pre, "access-control-allow-origin"));
    assertEquals("*", header(chat(url, "http://localhost:3000"), "access-control-allow-origin"));
  }

  @Test
  void offByDefault() {
    String url = start(null);
    HttpResponse<String> pre = preflight(url, APP);
    assertFalse(pre.headers().firstValue("access-control-allow-origin").isPresent(), pre.headers().toString());
    assertEquals(401, pre.statusCode(), "no preflight route: the key gate answers as before");
    HttpResponse<String> actual = chat(url, APP);
    assertEquals(200, actual.statusCode(), actual.body());
    assertFalse(actual.headers().firstValue("access-control-allow-origin").isPresent());
  }
}

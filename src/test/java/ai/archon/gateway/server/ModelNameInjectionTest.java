package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-chosen model names never break a pooled connection nor steer the provider URL. */
class ModelNameInjectionTest extends GatewayTestBase {

  @BeforeEach
  void start() {
    url = gateway.start(Map.of()).url();
  }

  private HttpResponse<String> chat(String model) {
    return Http.post(url + "/v1/chat/completions", "{\"model\":" + Json.quote(model)
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of("x-archon-timeout-ms", "5000"));
  }

  @Test
  void namesWithSpacesOrLineBreaksAre400AndLaterCallsStillWork() {
    for (String bad : new String[] {"Google_API/a b", "Google_API/a\r\nHost: evil", "Google_API/a\tb",
        "OpenAI_API/x\u0000y", "Google_API/a\u0085b"}) {
      HttpResponse<String> resp = chat(bad);
      assertEquals(400, resp.statusCode(), bad + ": " + resp.body());
      assertEquals("model", Json.parse(resp.body()).at("/error/param").asText());
    }
    assertEquals(0, upstream.calls());
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) assertEquals(200, chat("Google_API/gemini-ok").statusCode());
    assertTrue(System.nanoTime() - start < 4_000_000_000L, "no call waits behind a broken connection");
  }

  @Test
  void transportFailuresReachClientsAsStableMessages() {
    upstream.closeBlocking();
    HttpResponse<String> resp = chat("OpenAI_API/gpt-x");
    assertEquals(502, resp.statusCode(), resp.body());
    String message = Json.parse(resp.body()).at("/error/message").asText();
    assertTrue(message.endsWith("connection refused"), message);
    assertFalse(message.contains("127.0.0.1") || message.contains("Exception"), message);
  }

  @Test
  void pathAndQueryInjectionStayInsideTheModelSegment() {
    chat("Google_API/../../v1/chat/completions?x=");
    assertEquals(1, upstream.calls());
    RecordedRequest seen = upstream.lastRequest();
    assertTrue(seen.uri().startsWith("/v1beta/models/..%2F..%2Fv1%2Fchat%2Fcompletions%3Fx%3D:generateContent"),
        seen.uri());
    assertFalse(seen.uri().contains("?"), seen.uri());
  }
}

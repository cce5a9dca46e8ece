package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.CapturedLogs;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Json;
import ch.qos.logback.classic.Level;
import ai.archon.gateway.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An HTTP/1.1 request without {@code Host} is malformed (RFC 9112 §3.2): 400 on every route, never 500. */
class HostlessRequestTest extends GatewayTestBase {
  private int port;

  @BeforeEach
  void start() {
    port = gateway.start(GatewayExtension.oneGenerator()).port();
  }

  @Test
  void everyRouteAnswers400WithAnOpenAiError() {
    String body = "{\"model\":\"one\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    for (String req : new String[] {
        "GET /health HTTP/1.1\r\n\r\n",
        "GET /v1/models HTTP/1.1\r\n\r\n",
        "GET /nowhere HTTP/1.1\r\n\r\n",
        "POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body}) {
      String resp = RawHttp.exchange(port, req);
      assertEquals(400, RawHttp.status(resp), req + " → " + resp);
      assertEquals("invalid_request_error", Json.parse(RawHttp.body(resp)).at("/error/type").asText(), resp);
    }
    assertEquals(0, upstream.calls());
  }

  @Test
  void codecErrorsAreOpenAiJsonNotServerErrors() {
    try (CapturedLogs logs = new CapturedLogs()) {
      assertCodecError(RawHttp.exchange(port, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
      assertCodecError(RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000)
          + "\r\n\r\n"), 431);
      assertCodecError(RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n"), 400);
      assertEquals(0, logs.containing("500", Level.WARN).size(), logs.events().toString());
    }
  }

  private static void assertCodecError(String resp, int status) {
    assertEquals(status, RawHttp.status(resp), resp);
    assertEquals("invalid_request_error", Json.parse(RawHttp.body(resp)).at("/error/type").asText(), resp);
  }
}

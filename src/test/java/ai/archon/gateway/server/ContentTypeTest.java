package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.CapturedLogs;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RawHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JSON endpoint takes JSON: other content types are 415, an absent one is read as JSON; prompts never reach a log. */
class ContentTypeTest extends GatewayTestBase {
  private static final String PROMPT = "secret-prompt-7c1e 100% sure";
  private int port;
  private CapturedLogs logs;

  @BeforeEach
  void start() {
    var server = gateway.start(GatewayExtension.oneGenerator());
    url = server.url();
    port = server.port();
    logs = new CapturedLogs();
  }

  @AfterEach
  void stop() {
    logs.close();
  }

  @Test
  void formAndMultipartBodiesAre415AndNeverLogged() {
    String body = Http.chat("one", PROMPT, null);
    for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
        "text/plain"}) {
      HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", body, Map.of("content-type", type));
      assertEquals(415, resp.statusCode(), type + ": " + resp.body());
      assertEquals("invalid_request_error", Json.parse(resp.body()).at("/error/type").asText());
      assertEquals("unsupported_media_type", Json.parse(resp.body()).at("/error/code").asText());
    }
    assertEquals(0, upstream.calls());
    logs.assertNeverAboveDebug("secret-prompt-7c1e");
  }

  @Test
  void jsonWithCharsetOrNoContentTypeIsReadAsJson() {
    String body = Http.chat("one", PROMPT, null);
    assertEquals(200, Http.post(url + "/v1/chat/completions", body,
        Map.of("content-type", "application/json; charset=utf-8")).statusCode());
    String raw = RawHttp.exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body);
    assertEquals(200, RawHttp.status(raw), raw);
    assertEquals(2, upstream.calls());
  }

  @Test
  void badBodiesAreNeverLogged() {
    Http.post(url + "/v1/chat/completions", "{\"model\":\"one\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + PROMPT + "\"}], \"temperature\": \"hot\"}");
    Http.post(url + "/v1/chat/completions", "{\"model\":\"one\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + PROMPT + "\"");
    Http.post(url + "/v1/chat/completions", "[\"" + PROMPT + "\"]");
    logs.assertNeverAboveDebug("secret-prompt-7c1e");
  }
}

package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RawHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyReader}: the exact body reaches the handlers whether it comes with a length (small, or large enough to be
 * parsed off the loop) or chunked, and a body over {@code server.max_body_bytes} is a 413 either way.
 */
class BodyReaderTest extends GatewayTestBase {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 2_000_000;
  private int port;

  @BeforeEach
  void start() {
    var server = gateway.start(GatewayExtension.oneGenerator(),
        "{\"server\": {\"max_body_bytes\": " + MAX_BODY + "}}", 200);
    url = server.url();
    port = server.port();
  }

  /** A prompt of about {@code chars} characters that JSON must escape in places, with characters beyond ASCII. */
  private static String prompt(int chars) {
    String unit = "Grüße \"q\"\n\\ 日本 ";
    return unit.repeat(chars / unit.length() + 1).substring(0, chars);
  }

  private static String chat(String model, String text) throws Exception {
    ObjectNode body = MAPPER.createObjectNode().put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return MAPPER.writeValueAsString(body);
  }

  /** A raw HTTP/1.1 POST of {@code body} (UTF-8) in chunks of {@code chunk} bytes, with {@code extra} head lines. */
  private String chunked(String body, int chunk, String extra) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + extra + "\r\n");
    for (int i = 0; i < bytes.length; i += chunk) {
      int n = Math.min(chunk, bytes.length - i);
      req.append(Integer.toHexString(n)).append("\r\n")
          .append(new String(bytes, i, n, StandardCharsets.ISO_8859_1)).append("\r\n");
    }
    return RawHttp.exchange(port, req.append("0\r\n\r\n").toString());
  }

  @Test
  void smallAndLargeBodiesWithALengthReachTheHandlerExactly() throws Exception {
    for (int chars : new int[] {50, 3 * BodyTrees.OFF_LOOP_BYTES}) {
      upstream.clear();
      String text = prompt(chars);
      HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", chat("one", text));
      assertEquals(200, resp.statusCode(), resp.body());
      assertEquals(text, upstream.lastRequest().lastUserText(), chars + " characters arrive exactly");
    }
  }

  @Test
  void chunkedBodiesReachTheHandlerExactly() throws Exception {
    for (int chars : new int[] {50, 3 * BodyTrees.OFF_LOOP_BYTES}) {
      upstream.clear();
      String text = prompt(chars);
      String raw = chunked(chat("one", text), 7_777, "");
      assertEquals(200, RawHttp.status(raw), raw.substring(0, Math.min(300, raw.length())));
      assertEquals(text, upstream.lastRequest().lastUserText(), chars + " characters arrive exactly");
    }
  }

  @Test
  void aPassThroughBodyKeepsEveryField() throws Exception {
    ObjectNode body = (ObjectNode) MAPPER.readTree(chat("OpenAI_API/gpt-x", prompt(3 * BodyTrees.OFF_LOOP_BYTES)));
    body.putObject("metadata").put("tag", "é \"x\"");
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", MAPPER.writeValueAsString(body));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(body.deepCopy().put("model", "gpt-x"), upstream.lastRequest().body());
  }

  @Test
  void expectContinueIsAnswered() throws Exception {
    String body = chat("one", "hello");
    String raw = RawHttp.exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + "application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    assertTrue(raw.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 "), raw);
    assertEquals("hello", upstream.lastRequest().lastUserText());
  }

  @Test
  void bodiesOverTheLimitAre413WithALengthOrChunked() throws Exception {
    String tooBig = chat("one", "x".repeat(MAX_BODY));
    HttpResponse<String> withLength = Http.post(url + "/v1/chat/completions", tooBig);
    assertEquals(413, withLength.statusCode(), withLength.body());
    assertEquals("request_too_large", Json.parse(withLength.body()).at("/error/code").asText());
    String raw = chunked(tooBig, 65_536, "");
    assertEquals(413, RawHttp.status(raw), raw.substring(0, Math.min(300, raw.length())));
    assertEquals("request_too_large", Json.parse(RawHttp.body(raw)).at("/error/code").asText());
    assertEquals(0, upstream.calls(), "no upstream call for a refused body");
    assertEquals(200, Http.post(url + "/v1/chat/completions", chat("one", "x".repeat(MAX_BODY - 200))).statusCode(),
        "a body just under the limit passes");
  }
}

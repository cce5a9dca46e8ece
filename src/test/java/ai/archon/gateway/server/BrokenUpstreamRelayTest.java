package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pass-through never relays a broken upstream reply as a success. */
class BrokenUpstreamRelayTest extends GatewayTestBase {
  private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hel\"},\"finish_reason\":null}]}";

  @BeforeEach
  void start() {
    url = gateway.start(Map.of(), "{\"providers\": {\"OpenAI_API\": {\"retry\": {\"max_attempts\": 3,"
        + " \"initial_backoff_ms\": 1, \"max_backoff_ms\": 2}}}}", 200).url();
  }

  private HttpResponse<String> chat(String extra) {
    return Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/m", "hi", extra));
  }

  @Test
  void truncatedOrEmptyJsonIs502AfterRetries() {
    for (String body : new String[] {"{\"id\":\"x\",\"choices\":[{\"index\":0,", ""}) {
      upstream.reset();
      upstream.respond("m", Reply.raw(200, "application/json", body));
      HttpResponse<String> resp = chat(null);
      assertEquals(502, resp.statusCode(), "'" + body + "' → " + resp.body());
      assertEquals("upstream_error", Json.parse(resp.body()).at("/error/code").asText());
      assertEquals(3, upstream.calls("m"), "retried like a 5xx");
    }
    upstream.reset();
    upstream.respondInOrder("m", Reply.raw(200, "application/json", "{\"id\":"));
    assertEquals(200, chat(null).statusCode(), "a complete reply on the retry is relayed");
  }

  @Test
  void aStreamThatEndsWithoutDoneGetsAnErrorEventAndNoDone() {
    upstream.respond("m", Reply.raw(200, "text/event-stream", "data: " + CHUNK + "\n\n"));
    HttpResponse<String> resp = chat("\"stream\":true");
    List<String> data = Http.sseData(resp.body());
    assertFalse(data.contains("[DONE]"), resp.body());
    assertTrue(data.get(data.size() - 1).contains("\"error\""), resp.body());
    assertEquals(1, upstream.calls("m"), "a token had left: no retry");
  }

  @Test
  void aBrokenEventGetsAnErrorEventAndNoDone() {
    upstream.respond("m", Reply.raw(200, "text/event-stream",
        "data: " + CHUNK + "\n\ndata: {\"id\":\"c1\",\"choi\n\ndata: [DONE]\n\n"));
    HttpResponse<String> resp = chat("\"stream\":true");
    List<String> data = Http.sseData(resp.body());
    assertFalse(data.contains("[DONE]"), resp.body());
    assertFalse(resp.body().contains("\"choi\n"), "the broken line is not relayed: " + resp.body());
    assertTrue(data.get(data.size() - 1).contains("\"error\""), resp.body());
  }

  @Test
  void aStreamWithNothingInItIsRetriedThen502() {
    upstream.respond("m", Reply.raw(200, "text/event-stream", ""));
    HttpResponse<String> resp = chat("\"stream\":true");
    assertEquals(502, resp.statusCode(), resp.body());
    assertEquals(3, upstream.calls("m"));
  }
}

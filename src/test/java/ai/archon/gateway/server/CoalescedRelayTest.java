package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawHttp;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relayed stream's events that arrive together leave together: an upstream that writes its events back to back,
 * each as an HTTP chunk of its own (as providers do), reaches the client in a few HTTP chunks, one per turn of the
 * event loop, not one per event, with every event intact and in order; and a broken event among them still ends the
 * stream with an error event after the events before it, and no [DONE].
 */
class CoalescedRelayTest {
  private static final int EVENTS = 300;

  private Vertx vertx;
  private String url;
  /** The SSE events the upstream writes, one HTTP chunk each, all in one go. */
  private volatile List<String> script = List.of();
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    HttpServer provider = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      calls.incrementAndGet();
      HttpServerResponse r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      for (String e : script) r.write(e);
      r.end();
    })).listen(0, "127.0.0.1").await();
    url = TestGateway.startWithOpenAiAt(vertx, upstream, provider.actualPort(), "{}").url();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static String event(int i) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"t" + i + " \u00e9\u2713\uD83D\uDE00\"},\"finish_reason\":null}]}";
  }

  /** The events as SSE, {@code broken} (when not null) in place of event {@code brokenAt}, then [DONE]. */
  private static List<String> events(int brokenAt, String broken) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) out.add("data: " + (i == brokenAt ? broken : event(i)) + "\n\n");
    out.add("data: [DONE]\n\n");
    return out;
  }

  /** The stream as the client's socket gets it: its HTTP chunks, each decoded as UTF-8 once joined. */
  private List<byte[]> chunks() {
    String req = Http.chat("OpenAI_API/m", "hi", "\"stream\":true");
    byte[] b = req.getBytes(StandardCharsets.UTF_8);
    String raw = RawHttp.exchange(URI.create(url).getPort(), "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n"
        + new String(b, StandardCharsets.ISO_8859_1));
    assertEquals(200, RawHttp.status(raw), raw);
    String body = RawHttp.body(raw);
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (true) {
      int eol = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (size == 0) return out;
      out.add(body.substring(eol + 2, eol + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
      i = eol + 2 + size + 2;
    }
  }

  private static String joined(List<byte[]> chunks) {
    StringBuilder sb = new StringBuilder();
    for (byte[] c : chunks) sb.append(new String(c, StandardCharsets.ISO_8859_1));
    return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  @Test
  void eventsThatArriveTogetherLeaveInFewChunksIntactAndInOrder() {
    script = events(-1, null);
    List<byte[]> chunks = chunks();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) expected.add(event(i));
    expected.add("[DONE]");
    assertEquals(expected, Http.sseData(joined(chunks)));
    assertTrue(chunks.size() < EVENTS / 10, "one HTTP chunk per turn, not per event: " + chunks.size());
  }

  @Test
  void aBrokenEventAmongThemEndsTheStreamWithAnErrorAfterTheEventsBeforeIt() {
    int brokenAt = EVENTS / 2;
    script = events(brokenAt, "{\"id\":\"c1\",\"choi");
    String got = joined(chunks());
    List<String> data = Http.sseData(got);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < brokenAt; i++) expected.add(event(i));
    assertEquals(expected, data.subList(0, data.size() - 1), "every event before the broken one, in order");
    assertTrue(data.get(data.size() - 1).contains("\"error\""), got);
    assertFalse(got.contains("\"choi\n"), "the broken event is not relayed");
    assertFalse(got.contains("[DONE]"), got);
    assertEquals(1, calls.get(), "events had left: no retry");
  }

  /** An event the provider sends over several data: lines reaches the client as several data: lines again. */
  @Test
  void anEventOverSeveralDataLinesLeavesOverAsManyLines() {
    script = List.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\ndata: \"choices\":[]}\n\n",
        "data: [DONE]\n\n");
    String got = joined(chunks());
    assertTrue(got.contains("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\ndata: \"choices\":[]}\n\n"),
        got);
    assertEquals(List.of("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",", "\"choices\":[]}", "[DONE]"),
        Http.sseData(got));
  }
}

package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawHttp;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that does not read a relayed stream holds the upstream back (the gateway pauses its read) instead of the
 * gateway's memory, and after server.write_stall_timeout_ms its stream ends and the upstream call is cancelled.
 */
class StreamBackPressureTest {
  private static final long TOTAL = 100L * 1024 * 1024;
  private static final Buffer EVENT = Buffer.buffer("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(900)
      + "\"},\"finish_reason\":null}]}\n\n");

  private Vertx vertx;
  private HttpServer flood;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicInteger stalls = new AtomicInteger();
  private final CompletableFuture<Long> closedAfter = new CompletableFuture<>();
  private String url;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    flood = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      HttpServerResponse r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      req.connection().closeHandler(v -> closedAfter.complete(sent.get()));
      pump(r);
    })).listen(0, "127.0.0.1").await();
    url = TestGateway.startWithOpenAiAt(vertx, upstream, flood.actualPort(),
        "{\"server\": {\"write_stall_timeout_ms\": 1000}}").url();
  }

  /** Writes the stream as fast as the gateway takes it, counting the times it had to wait. */
  private void pump(HttpServerResponse r) {
    while (!r.writeQueueFull() && sent.get() < TOTAL && !r.closed()) {
      r.write(EVENT);
      sent.addAndGet(EVENT.length());
    }
    if (r.closed()) return;
    if (sent.get() >= TOTAL) {
      r.end("data: [DONE]\n\n");
      return;
    }
    stalls.incrementAndGet();
    r.drainHandler(v -> pump(r));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aClientThatDoesNotReadHoldsTheUpstreamBackUntilTheStallTimeout() throws Exception {
    String body = Http.chat("OpenAI_API/m", "hi", "\"stream\":true");
    int port = java.net.URI.create(url).getPort();
    try (Socket client = RawHttp.postChatUnread(port, body)) {
      // The client reads nothing: the gateway keeps serving others meanwhile.
      long healthStart = System.nanoTime();
      while (System.nanoTime() - healthStart < 800_000_000L) {
        long t = System.nanoTime();
        assertEquals(200, Http.get(url + "/health").statusCode());
        assertTrue(System.nanoTime() - t < 2_000_000_000L, "health answered promptly");
      }
      long sentAtClose = closedAfter.get(15, TimeUnit.SECONDS);
      assertTrue(stalls.get() > 0, "the upstream's writes blocked");
      assertTrue(sentAtClose < TOTAL / 3, "the gateway stopped reading: " + sentAtClose + " of " + TOTAL + " bytes");
      assertEquals(200, Http.get(url + "/health").statusCode());
    }
  }
}

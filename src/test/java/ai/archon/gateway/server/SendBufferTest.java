package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawHttp;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import ai.archon.gateway.config.Settings;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code server.send_buffer_bytes}: the kernel's send buffer of an inbound connection stays bounded, so a client that
 * stops reading a stream gets little relayed before the gateway's write queue fills and the upstream read pauses.
 * Measured where it is held: the send queue of the gateway's socket to that client, as Linux reports it in
 * {@code /proc/net/tcp} (or tcp6), with the default and with the kernel's own sizing (0), in the same test (skipped
 * where there is no such file). A client that reads gets the whole stream either way.
 */
class SendBufferTest {
  private static final Path PROC_TCP = Path.of("/proc/net/tcp");
  private static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");
  private static final int EVENTS = 8_000;
  private static final Buffer EVENT = Buffer.buffer("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(900)
      + "\"},\"finish_reason\":null}]}\n\n");

  private Vertx vertx;
  private MockUpstream upstream;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    upstream = MockUpstream.startBlocking(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** An upstream that streams EVENTS events as fast as it may, counting what it wrote. */
  private HttpServer flood(AtomicLong sent) {
    // A small send buffer of its own: it stops writing soon after the gateway pauses its read.
    return vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(8 * 1024))
        .requestHandler(req -> req.body().onSuccess(b -> {
          HttpServerResponse r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
          pump(r, sent, new int[] {0});
        })).listen(0, "127.0.0.1").await();
  }

  private static void pump(HttpServerResponse r, AtomicLong sent, int[] events) {
    while (!r.writeQueueFull() && events[0] < EVENTS && !r.closed()) {
      r.write(EVENT);
      sent.addAndGet(EVENT.length());
      events[0]++;
    }
    if (r.closed()) return;
    if (events[0] >= EVENTS) {
      r.end("data: [DONE]\n\n");
      return;
    }
    r.drainHandler(v -> pump(r, sent, events));
  }

  private String gateway(HttpServer flood, String server) {
    return TestGateway.startWithOpenAiAt(vertx, upstream, flood.actualPort(), "{\"server\": " + server + "}").url();
  }

  private static Socket streamRequest(String url) throws Exception {
    return RawHttp.postChatUnread(URI.create(url).getPort(), Http.chat("OpenAI_API/m", "hi", "\"stream\":true"));
  }

  /**
   * The bytes queued for sending on the gateway's side of {@code client}'s connection ({@code tx_queue} of its line in
   * /proc/net/tcp), once the upstream has sent nothing more for half a second: the gateway has paused its read then.
   */
  private static long settledSendQueue(Socket client, AtomicLong sent) throws Exception {
    long last = -1;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && (sent.get() != last || last <= 0)) {
      last = sent.get();
      Thread.sleep(500);
    }
    // The gateway's side: local port the gateway's, remote port the client's (IPv4, or IPv4-mapped in tcp6).
    String local = String.format(":%04X", client.getPort());
    String remote = String.format(":%04X", client.getLocalPort());
    for (Path table : List.of(PROC_TCP, PROC_TCP6)) {
      if (!Files.isReadable(table)) continue;
      for (String line : Files.readAllLines(table)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 4 && f[1].endsWith(local) && f[2].endsWith(remote)) {
          return Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
        }
      }
    }
    throw new AssertionError("no connection from port " + client.getPort() + " to " + client.getLocalPort()
        + " in " + PROC_TCP + " or " + PROC_TCP6);
  }

  @Test
  void aClientThatStopsReadingGetsLittleRelayedWithTheDefault() throws Exception {
    assumeTrue(Files.isReadable(PROC_TCP), "needs Linux's " + PROC_TCP + " to see a socket's send queue");
    AtomicLong boundedSent = new AtomicLong();
    AtomicLong kernelSent = new AtomicLong();
    String bounded = gateway(flood(boundedSent), "{}");
    String kernel = gateway(flood(kernelSent), "{\"send_buffer_bytes\": 0}");
    try (Socket a = streamRequest(bounded); Socket b = streamRequest(kernel)) {
      long withDefault = settledSendQueue(a, boundedSent);
      long withKernel = settledSendQueue(b, kernelSent);
      // Linux doubles SO_SNDBUF for its bookkeeping and counts that against the data queued: 256 KiB at most.
      assertTrue(withDefault > 0 && withDefault <= 2L * Settings.DEFAULT_SEND_BUFFER_BYTES,
          "the gateway's send queue to a client that reads nothing: " + withDefault + " bytes");
      assertTrue(withKernel > 2 * withDefault, "sized by the kernel it grows further: " + withKernel
          + " against " + withDefault + " bytes");
    }
  }

  @Test
  void aClientThatReadsGetsTheWholeStream() throws Exception {
    AtomicLong sent = new AtomicLong();
    String url = gateway(flood(sent), "{}");
    try (Socket client = streamRequest(url)) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      byte[] buf = new byte[64 * 1024];
      long received = 0;
      StringBuilder tail = new StringBuilder();
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          received += n;
          tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
          if (tail.length() > 64) tail.delete(0, tail.length() - 64);
          if (tail.indexOf("data: [DONE]") >= 0) break;
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the stream stalled after " + received + " bytes", e);
      }
      assertTrue(tail.indexOf("data: [DONE]") >= 0, "the stream ended with [DONE]");
      assertTrue(received > EVENTS * (long) EVENT.length(), "every event arrived: " + received);
      assertEquals(EVENTS * (long) EVENT.length(), sent.get());
    }
  }
}

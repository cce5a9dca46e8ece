package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Reply;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** server.header_timeout_ms and server.idle_timeout_ms close connections that hold a descriptor without a request. */
class ConnectionTimeoutsTest extends GatewayTestBase {
  private int port;

  @BeforeEach
  void start() {
    var server = gateway.start(GatewayExtension.oneGenerator(),
        "{\"server\": {\"header_timeout_ms\": 300, \"idle_timeout_ms\": 600}}", 200);
    url = server.url();
    port = server.port();
  }

  /** Milliseconds until the server closes the connection after {@code sent} (fails after 5 s). */
  private long closedAfter(String sent) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      long start = System.nanoTime();
      s.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) { /* drain any response until EOF */ }
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  @Test
  void silentAndSlowHeaderConnectionsAreClosed() throws Exception {
    long silent = closedAfter("");
    assertTrue(silent >= 250 && silent < 3000, "silent connection closed after " + silent + " ms");
    long slow = closedAfter("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    assertTrue(slow >= 250 && slow < 3000, "slow header closed after " + slow + " ms");
  }

  /**
   * A keep-alive connection whose requests keep coming, 200 ms apart for 2 s (past both timeouts), stays open, and
   * is closed about idle_timeout_ms after its last request: the clock is re-armed from the last request's start.
   */
  @Test
  void aConnectionInUseStaysOpenAndClosesAnIdleTimeAfterItsLastRequest() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      for (int i = 0; i < 10; i++) {
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int n = in.read(buf);
        assertTrue(n > 0 && new String(buf, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"),
            "request " + i + " answered on the same connection");
        Thread.sleep(200);
      }
      long start = System.nanoTime();
      assertEquals(-1, in.read(buf), "closed by the gateway");
      long closedMs = (System.nanoTime() - start) / 1_000_000 + 200; // the last request started 200 ms before
      assertTrue(closedMs >= 550 && closedMs < 3000, "closed " + closedMs + " ms after the last request");
    }
  }

  @Test
  void idleKeepAliveConnectionsAreClosedButLongAnswersAreNot() throws Exception {
    long idle = closedAfter("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(idle >= 500 && idle < 4000, "idle keep-alive closed after " + idle + " ms");
    upstream.respond("gpt-x", Reply.text("slow but fine").delayMs(1500));
    var resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null));
    assertEquals(200, resp.statusCode(), resp.body());
  }
}

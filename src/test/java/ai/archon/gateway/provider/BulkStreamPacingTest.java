package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.ops.Transports;
import ai.archon.gateway.support.MockUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream whose provider sends 2 MiB at once is relayed whole and in order, but paced by {@link RelayPace}: at most
 * 8 KiB per millisecond window, so it takes at least ~256 windows, and the event loop runs its other work (here a
 * 1-ms periodic timer on the same context) between them instead of after the whole stream.
 */
class BulkStreamPacingTest {
  private static final int EVENTS = 8_000;
  private Vertx vertx;
  private MockUpstream upstream;
  private LoopCalls loop;
  private HttpCalls calls;

  @BeforeEach
  void start() {
    vertx = Vertx.builder().withTransport(Transports.choose(null)).build();
    loop = new LoopCalls(vertx);
    StringBuilder sse = new StringBuilder();
    String pad = "x".repeat(230);
    for (int i = 0; i < EVENTS; i++) sse.append("data: {\"i\":").append(i).append(",\"p\":\"").append(pad).append("\"}\n\n");
    Buffer body = Buffer.buffer(sse.toString().getBytes(StandardCharsets.UTF_8));
    upstream = MockUpstream.startBlocking(vertx).respondRaw((request, response) ->
        response.putHeader("content-type", "text/event-stream").end(body));
    calls = loop.oneConnectionCalls(5000);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aBulkStreamIsRelayedWholeInOrderAndPaced() throws Exception {
    List<Integer> seen = new ArrayList<>();
    long[] firstAndLast = new long[2];
    int[] ticks = {0, 0}; // timer ticks in all, and at the first event
    long[] timer = new long[1];
    loop.run(() -> timer[0] = vertx.setPeriodic(1, id -> ticks[0]++));
    LoopCalls.await(loop.call(() -> calls.streamData(calls.post(upstream.openAiBaseUrl() + "/chat/completions", true),
        Buffer.buffer("{}"), "m", new CallContext("bulk"), new SseDataHandler() {
          @Override
          public boolean onData(EventBytes data) {
            String event = new String(data.array(), 0, data.length(), StandardCharsets.UTF_8);
            seen.add(Integer.parseInt(event.substring(5, event.indexOf(','))));
            long now = System.nanoTime();
            if (seen.size() == 1) {
              firstAndLast[0] = now;
              ticks[1] = ticks[0];
            }
            firstAndLast[1] = now;
            return false;
          }
        })));
    loop.run(() -> vertx.cancelTimer(timer[0]));
    assertEquals(EVENTS, seen.size());
    for (int i = 0; i < EVENTS; i++) assertEquals(i, seen.get(i), "event " + i + " out of order");
    int windows = EVENTS * 250 / RelayPace.BURST_BYTES;
    long tookMs = (firstAndLast[1] - firstAndLast[0]) / 1_000_000;
    assertTrue(tookMs >= windows / 2, "relayed in " + tookMs + " ms: not paced (" + windows + " windows)");
    assertTrue(ticks[0] - ticks[1] >= windows / 4, (ticks[0] - ticks[1]) + " timer ticks ran during the stream");
  }
}

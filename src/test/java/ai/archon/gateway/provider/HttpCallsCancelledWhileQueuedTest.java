package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.support.CapturedLogs;
import ai.archon.gateway.support.MockUpstream;
import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose client hung up while the call waited for a pooled connection: it ends as cancelled without sending
 * anything, logs nothing at ERROR, and the pool serves the next call. (Before, the cancel hook reset the request
 * before it had an exception handler, and Vert.x logged "Stream reset: 0" at ERROR for every such call: one line per
 * queued call of every client that hung up under load.)
 */
class HttpCallsCancelledWhileQueuedTest {
  private Vertx vertx;
  private MockUpstream upstream;
  private LoopCalls loop;
  private HttpCalls calls;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new LoopCalls(vertx);
    // each reply after 300 ms, so that the one connection stays taken while the second call waits for it
    upstream = MockUpstream.startBlocking(vertx).respondRaw((request, response) -> vertx.setTimer(300, t ->
        response.putHeader("content-type", "application/json").end("{\"ok\":true}")));
    calls = loop.oneConnectionCalls(5000);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Future<String> call(CallContext ctx) {
    return loop.call(() -> calls.send(calls.post(upstream.openAiBaseUrl() + "/chat/completions", false),
        Buffer.buffer("{}"), "m", ctx, Buffer::toString));
  }

  @Test
  void aCallCancelledWhileItWaitsForAConnectionSendsNothingAndLogsNoError() throws Exception {
    try (CapturedLogs logs = new CapturedLogs()) {
      Future<String> first = call(new CallContext("first"));
      LoopCalls.await(upstream.awaitCalls(1)); // the one connection is taken
      CallContext queued = new CallContext("queued");
      Future<String> second = call(queued);
      LoopCalls.await(loop.call(() -> {
        queued.cancel(); // the client hung up while its call waited for the connection
        return Future.succeededFuture();
      }));

      assertEquals("{\"ok\":true}", LoopCalls.await(first));
      LoopCalls.assertCancelled(LoopCalls.failure(second));
      assertEquals("{\"ok\":true}", LoopCalls.await(call(new CallContext("next"))), "the pool serves the next call");
      assertEquals(2, upstream.calls(), "the cancelled call sent nothing");
      List<?> errors = logs.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
      assertEquals(List.of(), errors, "nothing logged at ERROR");
    }
  }
}

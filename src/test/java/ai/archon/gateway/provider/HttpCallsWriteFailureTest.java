package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.UpstreamException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawReplies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request the client cannot write fails its call at once, and its connection is never handed out again. */
class HttpCallsWriteFailureTest {
  private Vertx vertx;
  private MockUpstream upstream;
  private LoopCalls loop;
  private HttpCalls calls;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    loop = new LoopCalls(vertx);
    upstream = MockUpstream.startBlocking(vertx).respondRaw(RawReplies.body(200, "{\"ok\":true}"));
    // One connection: a broken one handed out again would hang every later call.
    calls = loop.oneConnectionCalls(2000);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Future<String> call(RequestOptions options) {
    return loop.call(() -> calls.send(options, Buffer.buffer("{}"), "m", new CallContext("r"), Buffer::toString));
  }

  @Test
  void unwritableRequestsFailFastAndLeaveThePoolUsable() throws Exception {
    assertEquals("{\"ok\":true}", LoopCalls.await(call(calls.post(upstream.openAiBaseUrl() + "/chat/completions", false))));
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      RequestOptions badUri = calls.post(upstream.openAiBaseUrl() + "/chat/completions", false).setURI("/models/a b:generate");
      UpstreamException e = LoopCalls.failure(call(badUri));
      assertEquals(400, e.status());
      assertEquals(false, e.retryable());
      assertTrue(System.nanoTime() - start < 1_500_000_000L, "failed at once, not after the idle timeout");
      assertEquals("{\"ok\":true}", LoopCalls.await(call(calls.post(upstream.openAiBaseUrl() + "/chat/completions", false))));
    }
  }
}

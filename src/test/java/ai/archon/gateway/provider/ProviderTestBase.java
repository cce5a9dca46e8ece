package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawReplies;
import ai.archon.gateway.support.RecordedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fixture of the provider tests: the test's Vert.x (closed by {@link VertxExtension} after each test), calls run on
 * one of its event-loop contexts ({@link #loop}), and a mock upstream on it. It starts before the subclass's own
 * {@code @BeforeEach}, which builds the provider against {@link #upstream}.
 */
@ExtendWith(VertxExtension.class)
abstract class ProviderTestBase {
  Vertx vertx;
  MockUpstream upstream;
  LoopCalls loop;
  /** The pieces a streamed call delivered, in order (a test passes {@code deltas::add}). */
  final List<String> deltas = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startUpstream(Vertx vertx) {
    this.vertx = vertx;
    loop = new LoopCalls(vertx);
    upstream = MockUpstream.startBlocking(vertx);
  }

  /** Scripts the upstream to answer with the fixture {@code path} (under provider/), status 200. */
  void replyWithFixture(String path) {
    upstream.respondRaw(RawReplies.body(200, Fixtures.text(path)));
  }

  /** Scripts the upstream to answer with the fixture {@code path}, then makes {@code call} on the loop; its result. */
  ChatResult completeWith(String path, Supplier<Future<ChatResult>> call) throws Exception {
    replyWithFixture(path);
    return LoopCalls.await(loop.call(call));
  }

  /** Scripts the upstream to trickle the fixture {@code path} (under provider/) in {@code chunk}-byte writes. */
  void trickleFixture(String path, int chunk) {
    upstream.respondRaw(RawReplies.trickle(Fixtures.bytes(path), chunk));
  }

  /** As {@link LoopCalls#assertCancelledMidStream}, against this test's upstream. */
  void assertCancelledMidStream(String firstEvent, BiFunction<CallContext, Consumer<String>, Future<?>> stream)
      throws Exception {
    loop.assertCancelledMidStream(upstream, firstEvent, stream);
  }

  /** The upstream's first request, checked to be a POST of JSON to {@code uri}. */
  RecordedRequest firstJsonPost(String uri) {
    RecordedRequest s = upstream.requests().get(0);
    assertEquals("POST", s.method());
    assertEquals(uri, s.uri());
    assertEquals("application/json", s.headers().get("content-type"));
    return s;
  }
}

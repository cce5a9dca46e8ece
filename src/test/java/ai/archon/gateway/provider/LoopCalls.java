package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RawReplies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Calls an adapter as the gateway does (from one event-loop context, on a pooled client) and awaits the outcome. */
final class LoopCalls {
  private final Vertx vertx;
  private final Context context;

  LoopCalls(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  /** A pooled client like the gateway's. */
  HttpClientAgent client() {
    return vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(4));
  }

  /**
   * {@link HttpCalls} over a pool of one connection (a connection handed out broken, or held, shows at once), with
   * {@code connectMs} to connect.
   */
  HttpCalls oneConnectionCalls(long connectMs) {
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(1));
    return new HttpCalls(vertx, http, "Test_API", new Timeouts(connectMs, 30_000), null);
  }

  /** Runs {@code call} on one event-loop context (as the gateway's request handling does). */
  <T> Future<T> call(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  /** Runs {@code action} on the same context as {@link #call}. */
  void run(Runnable action) {
    context.runOnContext(v -> action.run());
  }

  /**
   * Streams from an upstream that sent {@code firstEvent} and then stalls, cancelling the call at its first piece:
   * the call must fail as cancelled, with only that piece ({@code "first"}) delivered, and the upstream request must be
   * reset (its connection closes).
   */
  void assertCancelledMidStream(MockUpstream upstream, String firstEvent,
      BiFunction<CallContext, Consumer<String>, Future<?>> stream) throws Exception {
    upstream.respondRaw(RawReplies.stall(firstEvent));
    CallContext ctx = new CallContext("mid-stream");
    List<String> deltas = new CopyOnWriteArrayList<>();
    Future<?> call = call(() -> stream.apply(ctx, d -> {
      deltas.add(d);
      ctx.cancel();
    }));
    assertCancelled(failure(call));
    assertEquals(List.of("first"), deltas);
    await(upstream.connectionClosed());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  /** Awaits a failure that must be an {@link UpstreamException}. */
  static UpstreamException failure(Future<?> f) throws Exception {
    AsyncResult<?> ar = f.transform(r -> Future.succeededFuture(r)).await(10, TimeUnit.SECONDS);
    if (ar.succeeded()) fail("expected a failure, got " + ar.result());
    return assertInstanceOf(UpstreamException.class, ar.cause());
  }

  static void assertCancelled(UpstreamException e) {
    assertEquals("cancelled", e.code());
    assertEquals(0, e.status());
    assertTrue(!e.retryable());
  }
}

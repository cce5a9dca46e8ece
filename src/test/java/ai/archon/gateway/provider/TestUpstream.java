package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.UpstreamException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A deliberately tiny upstream for the adapter tests: an HTTP server on 127.0.0.1 (port 0) that records every request
 * (method, URI, headers, body) and answers with whatever the test scripted. It also reports when a client connection
 * closes, which is how the tests see that cancelling a call reset the upstream request. The shared, full-featured
 * fake upstream for end-to-end tests lives elsewhere ({@code support/MockUpstream}).
 */
public final class TestUpstream {
  /** One request as the upstream received it. */
  public record Seen(String method, String uri, MultiMap headers, String body) {
    public JsonNode json() {
      return JsonIo.read(body);
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final Context callContext;
  public final List<Seen> seen = new CopyOnWriteArrayList<>();
  /** Completes with the first request. */
  public final Promise<Seen> received = Promise.promise();
  /** Completes when a client connection closes. */
  public final Promise<Void> closed = Promise.promise();
  private volatile BiConsumer<Seen, HttpServerResponse> responder = (s, r) -> r.setStatusCode(500).end();

  private TestUpstream(Vertx vertx) {
    this.vertx = vertx;
    this.callContext = vertx.getOrCreateContext();
    this.server = vertx.createHttpServer().requestHandler(req -> {
      req.connection().closeHandler(v -> closed.tryComplete());
      req.body().onSuccess(body -> {
        Seen s = new Seen(req.method().name(), req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString());
        seen.add(s);
        received.tryComplete(s);
        responder.accept(s, req.response());
      });
    });
  }

  public static TestUpstream start(Vertx vertx) throws Exception {
    TestUpstream u = new TestUpstream(vertx);
    u.server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    return u;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A pooled client like the gateway's. */
  public HttpClientAgent client() {
    return vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(4));
  }

  public TestUpstream reply(BiConsumer<Seen, HttpServerResponse> r) {
    this.responder = r;
    return this;
  }

  /** Answers with {@code status} and a JSON (or any) body. */
  public TestUpstream json(int status, String body) {
    return reply((s, r) -> r.setStatusCode(status).putHeader("content-type", "application/json").end(body));
  }

  /** Answers 200 with an event stream, written {@code chunk} bytes at a time, one write per event-loop turn. */
  public TestUpstream sse(byte[] body, int chunk) {
    return reply((s, r) -> {
      r.setChunked(true).putHeader("content-type", "text/event-stream");
      writeFrom(r, body, 0, chunk, true);
    });
  }

  /** Sends the head and {@code firstBytes}, then stays silent with the response open. */
  public TestUpstream stall(String firstBytes) {
    return reply((s, r) -> {
      r.setChunked(true).putHeader("content-type", "text/event-stream");
      if (!firstBytes.isEmpty()) r.write(firstBytes);
    });
  }

  /** Sends {@code firstBytes} of a stream, then drops the connection. */
  public TestUpstream dropAfter(String firstBytes) {
    return reply((s, r) -> {
      r.setChunked(true).putHeader("content-type", "text/event-stream");
      r.write(firstBytes).onComplete(v -> vertx.setTimer(20, t -> r.reset()));
    });
  }

  private void writeFrom(HttpServerResponse r, byte[] body, int from, int chunk, boolean last) {
    if (from >= body.length) {
      if (last) r.end();
      return;
    }
    int n = Math.min(chunk, body.length - from);
    r.write(Buffer.buffer(body).slice(from, from + n)).onComplete(v ->
        vertx.setTimer(1, t -> writeFrom(r, body, from + n, chunk, last)));
  }

  /** Runs {@code call} on one event-loop context (as the gateway's request handling does). */
  public <T> Future<T> onLoop(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    callContext.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  /** Runs {@code action} on the same context as {@link #onLoop}. */
  public void onLoop(Runnable action) {
    callContext.runOnContext(v -> action.run());
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  /** Awaits a failure that must be an {@link UpstreamException}. */
  public static UpstreamException failure(Future<?> f) throws Exception {
    AsyncResult<?> ar = f.transform(r -> Future.succeededFuture(r)).await(10, TimeUnit.SECONDS);
    if (ar.succeeded()) fail("expected a failure, got " + ar.result());
    return assertInstanceOf(UpstreamException.class, ar.cause());
  }

  public static void assertCancelled(UpstreamException e) {
    assertEquals("cancelled", e.code());
    assertEquals(0, e.status());
    assertTrue(!e.retryable());
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.IdleWatchdog;
import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.model.OffLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

/**
 * One upstream exchange: remembers its request so that cancelling the context resets it, pumps the response body into
 * its reader, and watches it for silence from the moment it is sent: until the response head the silence fails the
 * head, then the body read. Used from the exchange's event loop.
 */
final class UpstreamExchange {
  private static final Runnable NOTHING = () -> { };
  /** Request bodies of at least this many bytes are written in slices ({@link #pace}); smaller ones at once. */
  static final int PACED_BYTES = OffLoop.LARGE_BYTES;
  static final int SLICE_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final CallContext ctx;
  private final String model;
  private final CallFailures failures;
  private final IdleWatchdog watchdog;
  private volatile boolean paused;
  private final long idleMs;
  private final Promise<HttpClientResponse> head = Promise.promise();
  private Promise<Void> reading;
  private HttpClientRequest req;
  private Runnable forget = NOTHING;
  private RelayPace relayPace; // made by the first relayed chunk: most exchanges relay nothing
  private boolean yielded;

  UpstreamExchange(Vertx vertx, HttpClientAgent http, long idleMs, CallContext ctx, String model,
      CallFailures failures) {
    this.idleMs = idleMs;
    // Our own pause (the client is not reading) is not the upstream's silence.
    this.watchdog = new IdleWatchdog(vertx, idleMs, idleMs, this::silent).pausedWhile(() -> paused);
    this.vertx = vertx;
    this.http = http;
    this.ctx = ctx;
    this.model = model;
    this.failures = failures;
  }

  /**
   * Sends the request; completes with the response head (any status). The request's future is listened to, not
   * composed: the head's promise is the one future this step keeps per call in flight.
   */
  Future<HttpClientResponse> start(RequestOptions options, Buffer body) {
    http.request(options).onComplete((r, failure) -> {
      if (failure != null) {
        head.tryFail(failure);
        return;
      }
      req = r;
      try {
        send(r, body);
      } catch (RuntimeException e) { // a bug here fails the call; the connection, in an unknown state, is closed
        writeFailed(e);
      }
    });
    return head.future();
  }

  private void send(HttpClientRequest r, Buffer body) {
    // A request the codec refuses (an illegal character in the URI) left its pooled connection half used, to be
    // handed to the next call: fail this call at once and close that connection so the pool makes a new one. Set
    // before any reset: Vert.x logs a reset request that has no exception handler at ERROR ("Stream reset: 0").
    r.exceptionHandler(this::writeFailed);
    if (ctx.cancelled()) { // cancelled while it waited for a connection: send nothing
      writeFailed(failures.cancelled(model));
      return;
    }
    forget = ctx.onCancel(() -> r.reset());
    watchdog.start();
    r.response().onComplete((resp, failure) -> {
      if (failure != null) {
        head.tryFail(failure);
      } else {
        watchdog.touch(); // the head is data: its reader starts within this tick, the silence counts from here
        head.tryComplete(resp);
      }
    });
    if (body.length() < PACED_BYTES) {
      r.end(body).onFailure(this::writeFailed);
    } else {
      r.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
      pace(r, body, 0);
    }
  }

  /**
   * Writes {@code body} from {@code from} on in slices of {@value #SLICE_BYTES} bytes while the connection takes them,
   * and the rest once it has drained. Netty copies a heap buffer into direct memory to send it: a 9.5 MB body written
   * at once was one 9.5 MB direct buffer, allocated, zeroed and copied by the event loop in one go (about 30 ms of the
   * loop's time on fresh memory in bench/abuse.py's first phase, during which {@code /health} waited). Slices come
   * from the allocator's pool, a few at a time, and other connections are served between them.
   */
  private void pace(HttpClientRequest r, Buffer body, int from) {
    int at = from;
    int length = body.length();
    while (at < length && !r.writeQueueFull()) {
      int to = Math.min(length, at + SLICE_BYTES);
      r.write(body.slice(at, to)).onFailure(this::writeFailed);
      at = to;
    }
    if (at == length) {
      r.drainHandler(null);
      r.end().onFailure(this::writeFailed);
    } else {
      int next = at;
      r.drainHandler(v -> pace(r, body, next));
    }
  }

  private void writeFailed(Throwable t) {
    if (!head.tryFail(t)) return;
    req.reset();
    req.connection().close();
  }

  /**
   * Pumps the body of {@code resp} into {@code chunks}; every chunk feeds the watchdog, which fails the read and resets
   * the request after the idle timeout without data. A chunk handler that throws also resets it, so a half-read body
   * never goes back to the pool.
   */
  Future<Void> read(HttpClientResponse resp, HttpCalls.Chunks chunks, boolean relayed) {
    Promise<Void> done = Promise.promise();
    Future<Void> future = done.future();
    int status = resp.statusCode();
    watchdog.touch();
    reading = done;
    resp.exceptionHandler(done::tryFail);
    resp.handler(chunk -> {
      if (future.isComplete()) return;
      watchdog.touch();
      try {
        if (chunks.onChunk(chunk)) done.tryComplete();
        else if (relayed) {
          holdBack(resp);
          yieldIfBulk(resp, chunk.length());
        }
      } catch (MemoryBudget.ExhaustedException e) {
        if (done.tryFail(e)) req.reset();
      } catch (Throwable t) {
        if (done.tryFail(failures.unreadable(t, model, status))) req.reset();
      }
    });
    resp.endHandler(v -> {
      if (future.isComplete()) return;
      try {
        chunks.onEnd();
        done.tryComplete();
      } catch (Throwable t) {
        done.tryFail(failures.unreadable(t, model, status));
      }
    });
    return future;
  }

  private void silent() {
    var idle = failures.idle(model, idleMs);
    boolean failed = reading != null ? reading.tryFail(idle) : head.tryFail(idle);
    if (failed) req.reset();
  }

  /** The exchange is over: no more watching, and cancelling the context no longer resets the request. */
  void finish() {
    watchdog.stop();
    forget.run();
    forget = NOTHING;
  }

  /**
   * A {@code relayed} body (a stream whose text goes on to the client) stops being read while the call's
   * {@link CallContext.Outlet} is full, so a client that does not read holds the upstream back instead of the
   * gateway's memory; reading (and the silence watch) resumes once the client's side drained.
   */
  private void holdBack(HttpClientResponse resp) {
    if (paused || reading == null || reading.future().isComplete() || !ctx.outlet().full()) return;
    paused = true;
    resp.pause();
    ctx.outlet().whenDrained(() -> {
      if (!paused) return;
      paused = false;
      watchdog.touch();
      resumeUnlessHeld(resp);
    });
  }

  /**
   * A relayed stream read faster than {@link RelayPace} allows pauses for {@link RelayPace#PAUSE_MS} and resumes on a
   * timer, which Netty runs after its next round of I/O: the connections that wait for the loop's tasks get their
   * turn. A model's tokens come far slower and never pause.
   */
  private void yieldIfBulk(HttpClientResponse resp, int bytes) {
    if (relayPace == null) relayPace = new RelayPace();
    if (!relayPace.spent(System.nanoTime(), bytes) || yielded || reading.future().isComplete()) return;
    yielded = true;
    resp.pause();
    vertx.setTimer(RelayPace.PAUSE_MS, id -> {
      yielded = false;
      relayPace.restart();
      resumeUnlessHeld(resp);
    });
  }

  /** Two reasons pause a relayed stream (the client's back-pressure, the pace): it reads again once neither holds. */
  private void resumeUnlessHeld(HttpClientResponse resp) {
    if (!paused && !yielded && !reading.future().isComplete()) resp.resume();
  }
}

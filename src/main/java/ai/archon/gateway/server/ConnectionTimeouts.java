package ai.archon.gateway.server;

import ai.archon.gateway.config.ServerTimeouts;
import ai.archon.gateway.model.CoarseTimer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Closes inbound connections that hold a descriptor without using it: no complete request head within
 * {@code header_timeout_ms} of accepting the connection (slow or silent clients), or an HTTP/1.x connection whose
 * last request started {@code idle_timeout_ms} ago, was answered, and got no new one since. A connection with a
 * request in flight is never closed here (Vert.x's own idle timeout would cut a long non-streamed ensemble answer).
 * The check looks at the last request's response when its timer fires instead of hooking the response's end, whose
 * single handler Vert.x Web owns. One instance per verticle: its connections live on that verticle's event loop, so
 * no lock.
 *
 * <p>A request does not touch the timer: it notes its start, and the check that falls due arms itself again for
 * what is left of the idle time. Arming and cancelling a Vert.x timer for every request was 2.8 % of the event
 * loop's CPU samples in pass-through at concurrency 16 (a map entry and a task in the loop's scheduled-task heap,
 * each time); the checks run on {@link CoarseTimer}, up to a tick late.
 */
final class ConnectionTimeouts {
  private final Vertx vertx;
  private final ServerTimeouts timeouts;
  private final Map<HttpConnection, Watch> watches = new IdentityHashMap<>();

  ConnectionTimeouts(Vertx vertx, ServerTimeouts timeouts) {
    this.vertx = vertx;
    this.timeouts = timeouts;
  }

  /** The server's connection handler: starts the header clock. */
  void opened(HttpConnection conn) {
    Watch w = new Watch(conn);
    watches.put(conn, w);
    conn.closeHandler(v -> {
      w.cancel();
      watches.remove(conn);
    });
    w.arm(timeouts.headerTimeoutMs());
  }

  /** Wraps the request handler: each request restarts the idle clock, which waits while it is answered. */
  Handler<HttpServerRequest> around(Handler<HttpServerRequest> next) {
    return req -> {
      Watch w = watches.get(req.connection());
      if (w != null) {
        if (req.version() == HttpVersion.HTTP_2) {
          w.cancel(); // several streams at once: HTTP/2's own GOAWAY/ping handling is left to the client
          watches.remove(req.connection());
        } else {
          boolean first = w.last == null;
          w.last = req;
          w.lastStartNanos = System.nanoTime();
          // the header clock, still armed, may run past the idle time: the one change of timer per connection
          if (first && timeouts.headerTimeoutMs() > timeouts.idleTimeoutMs()) {
            w.cancel();
            w.arm(timeouts.idleTimeoutMs());
          }
        }
      }
      next.handle(req);
    };
  }

  private final class Watch {
    private final HttpConnection conn;
    private HttpServerRequest last;
    private long lastStartNanos;
    private CoarseTimer.Timeout timer;

    Watch(HttpConnection conn) {
      this.conn = conn;
    }

    void arm(long ms) {
      timer = CoarseTimer.schedule(vertx, ms, this::check);
    }

    private void check() {
      timer = null;
      if (last == null) { // no complete request head in header_timeout_ms
        conn.close();
        return;
      }
      if (!last.response().ended() && !last.response().closed()) {
        arm(timeouts.idleTimeoutMs()); // still answering: look again later
        return;
      }
      long left = timeouts.idleTimeoutMs() - (System.nanoTime() - lastStartNanos) / 1_000_000;
      if (left > 0) arm(left);
      else conn.close();
    }

    void cancel() {
      CoarseTimer.Timeout t = timer;
      if (t != null) t.cancel();
      timer = null;
    }
  }
}

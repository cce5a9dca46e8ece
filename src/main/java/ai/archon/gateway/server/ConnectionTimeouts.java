package ai.archon.gateway.server;

import ai.archon.gateway.config.ServerTimeouts;
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
 * last request ended and that got no new one for {@code idle_timeout_ms}. A connection with a request in flight is
 * never closed here (Vert.x's own idle timeout would cut a long non-streamed ensemble answer). The check looks at the
 * last request's response when its timer fires instead of hooking the response's end, whose single handler Vert.x
 * Web owns. One instance per verticle: its connections live on that verticle's event loop, so no lock.
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
          w.last = req;
          w.arm(timeouts.idleTimeoutMs());
        }
      }
      next.handle(req);
    };
  }

  private final class Watch {
    private final HttpConnection conn;
    private HttpServerRequest last;
    private long timer = -1;

    Watch(HttpConnection conn) {
      this.conn = conn;
    }

    void arm(long ms) {
      cancel();
      timer = vertx.setTimer(ms, id -> {
        timer = -1;
        if (last != null && !last.response().ended() && !last.response().closed()) {
          arm(timeouts.idleTimeoutMs()); // still answering: look again later
        } else {
          conn.close();
        }
      });
    }

    void cancel() {
      if (timer >= 0) vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}

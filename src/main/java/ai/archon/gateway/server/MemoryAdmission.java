package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission by memory: the request bodies in flight may hold at most {@code maxBytes} together (settings
 * {@code server.max_inflight_body_bytes}, default a quarter of the heap). A chat request reserves its
 * {@code Content-Length} (or {@code server.max_body_bytes} when it is chunked) before its body is read and keeps it
 * until its response ends; one that does not fit gets a fast 503 {@code overloaded} with {@code Retry-After}
 * instead of the heap running out. Shared by every verticle.
 */
public final class MemoryAdmission {
  private final long maxBytes;
  private final long maxBodyBytes;
  private final AtomicLong inFlight = new AtomicLong();

  public MemoryAdmission(long maxBytes, long maxBodyBytes) {
    this.maxBytes = maxBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The default budget: a quarter of the heap the JVM may grow to. */
  public static long defaultBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** Bytes of request bodies admitted and not yet answered. */
  public long inFlight() { return inFlight.get(); }

  void admit(RoutingContext ctx) {
    long size = size(ctx.request().getHeader("content-length"));
    long now = inFlight.addAndGet(size);
    if (now > maxBytes && now != size) { // a lone request larger than the budget still gets its 413 check
      inFlight.addAndGet(-size);
      ctx.response().putHeader("retry-after", "1").putHeader("connection", "close");
      ctx.fail(new ApiException(503, "server_error", "overloaded", null,
          "the gateway is holding as many request bodies as its memory allows; retry shortly"));
      return;
    }
    ctx.addEndHandler(ar -> inFlight.addAndGet(-size));
    ctx.next();
  }

  private long size(String contentLength) {
    if (contentLength == null) return maxBodyBytes;
    try {
      return Math.min(Math.max(0, Long.parseLong(contentLength.trim())), maxBodyBytes);
    } catch (NumberFormatException e) {
      return maxBodyBytes;
    }
  }
}

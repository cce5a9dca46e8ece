package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.model.OffLoop;
import io.vertx.ext.web.RoutingContext;

/**
 * Admission by memory: the request bodies in flight may hold at most {@code maxBytes} together (settings
 * {@code server.max_inflight_body_bytes}, default a twelfth of the heap). A chat request reserves its
 * {@code Content-Length} (or {@code server.max_body_bytes} when it is chunked) before its body is read and keeps it
 * until its response ends; one that does not fit gets a fast 503 {@code overloaded} with {@code Retry-After}
 * instead of the heap running out. The same {@link MemoryBudget} bounds the non-streaming upstream replies being
 * gathered (every call context of a request carries it). Shared by every verticle.
 */
public final class MemoryAdmission {
  private final MemoryBudget budget;
  private final long maxBodyBytes;

  public MemoryAdmission(long maxBytes, long maxBodyBytes) {
    this.budget = new MemoryBudget(maxBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The budget request bodies and gathered upstream replies share. */
  public MemoryBudget budget() { return budget; }

  /**
   * The default budget: a twelfth of the heap the JVM may grow to. An admitted body is held about three times over
   * until its answer ends (its bytes, its parsed text, the request written for the provider), so its copies may take
   * a quarter of the heap; the rest is for the collector to work in. With a quarter for the bytes alone, six 9.5 MB
   * bodies filled a 256 MiB heap to 216 MiB live, and the collections that followed held /health back for seconds.
   */
  public static long defaultBytes() {
    return Runtime.getRuntime().maxMemory() / 12;
  }

  /** Bytes of request bodies admitted and not yet answered. */
  public long inFlight() { return budget.used(); }

  /** True when the request's body fits the budget (held until its response ends); it failed with 503 else. */
  boolean admitted(RoutingContext ctx) {
    long size = size(ctx.request().getHeader("content-length"));
    if (!budget.tryReserve(size)) { // a lone request larger than the budget still gets its 413 check
      ctx.response().putHeader("retry-after", "1").putHeader("connection", "close");
      if (size >= OffLoop.LARGE_BYTES && waitsToSend(ctx)) unread(ctx);
      ctx.fail(new ApiException(503, "server_error", "overloaded", null,
          "the gateway is holding as many request bodies as its memory allows; retry shortly"));
      return false;
    }
    ctx.addEndHandler(ar -> budget.release(size));
    Inbound.of(ctx).memory(budget);
    return true;
  }

  /**
   * A large refused body that the client has not sent yet is not read: it asked with {@code Expect: 100-continue},
   * so it waits for the go-ahead, gets the 503 instead and the connection closes. Read and thrown away, six refused
   * 9.5 MB bodies cost the event loops 57 MB of copies and the young generation as many bytes of garbage. A client
   * that sends its body without asking is read to the end as before: most send the whole body before they read, so
   * closing early would show them a reset connection instead of the 503 and its {@code Retry-After}.
   */
  private static void unread(RoutingContext ctx) {
    ctx.request().pause();
    ctx.response().endHandler(v -> ctx.request().connection().close());
  }

  private static boolean waitsToSend(RoutingContext ctx) {
    return "100-continue".equalsIgnoreCase(ctx.request().getHeader("expect"));
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

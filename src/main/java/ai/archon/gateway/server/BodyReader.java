package ai.archon.gateway.server;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads a JSON request body into one buffer (the one chunk it came in, or one sized from its {@code Content-Length}),
 * in place of Vert.x Web's {@code BodyHandler}: that one starts small and doubles, so a 9.5 MB body was copied through
 * arrays of 64 KiB up to 16 MiB on the event loop (each new array zeroed, the old ones garbage), which held
 * {@code /health} back for hundreds of milliseconds. Memory admission has already reserved the declared length, and a
 * length over {@code server.max_body_bytes} is refused here before a byte is read, so the one allocation is bounded. A
 * chunked body (no length) grows as it arrives and is cut off with 413 once it passes the limit, as before.
 *
 * <p>What the route's later steps see is what {@code BodyHandler} gave them: {@code ctx.body()} set once the body has
 * ended (unset for a request without a body), {@code Expect: 100-continue} answered, 413 over the limit, a malformed
 * transfer a 400.
 */
final class BodyReader implements Handler<RoutingContext> {
  /** The first size of a chunked body's buffer; it doubles from there. */
  private static final int CHUNKED_START_BYTES = 64 * 1024;
  private final long limit;

  /** @param limit the largest body taken ({@code server.max_body_bytes}) */
  BodyReader(long limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RoutingContextInternal internal = (RoutingContextInternal) ctx;
    if (internal.seenHandler(RoutingContextInternal.BODY_HANDLER)) { // a re-route: the body is read already
      ctx.next();
      return;
    }
    internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
    HttpServerRequest request = ctx.request();
    long length = contentLength(request);
    boolean chunked = request.version() == HttpVersion.HTTP_2
        || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    if (!chunked && length < 0) { // no body at all
      ctx.next();
      return;
    }
    if (length > limit) {
      ctx.fail(413);
      return;
    }
    if (!expectationMet(ctx)) return;
    if (request.isEnded()) {
      ctx.fail(new IllegalStateException("the request body ended before it was read"));
      return;
    }
    new Reading(ctx, length >= 0 ? (int) length : CHUNKED_START_BYTES).start();
  }

  /** {@code Expect: 100-continue} gets its interim answer; any other expectation a 417. */
  private static boolean expectationMet(RoutingContext ctx) {
    String expect = ctx.request().getHeader(HttpHeaders.EXPECT);
    if (expect == null) return true;
    if (!expect.equalsIgnoreCase("100-continue")) {
      ctx.fail(417);
      return false;
    }
    if (ctx.request().version() != HttpVersion.HTTP_1_0) ctx.response().writeContinue();
    return true;
  }

  /** The declared length, or -1 when there is none or it is not a non-negative number. */
  static long contentLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null || header.isEmpty()) return -1;
    try {
      long n = Long.parseLong(header.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * One body being read. Most bodies arrive as one chunk, which is kept as it is (Vert.x hands over a heap copy of
   * its own, as for replies in {@code WholeReply}); the buffer of {@code capacity} bytes is made only when a second
   * chunk comes.
   */
  private final class Reading {
    private final RoutingContext ctx;
    private final int capacity;
    private Buffer body;
    private boolean gathering;
    private boolean failed;

    Reading(RoutingContext ctx, int capacity) {
      this.ctx = ctx;
      this.capacity = capacity;
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.exceptionHandler(this::broken);
      request.handler(this::chunk);
      request.endHandler(v -> end());
      request.resume();
    }

    private void chunk(Buffer chunk) {
      if (failed) return;
      int have = body == null ? 0 : body.length();
      if (have + (long) chunk.length() > limit) {
        failed = true;
        ctx.fail(413);
        return;
      }
      if (body == null) {
        body = chunk;
        return;
      }
      if (!gathering) {
        body = Buffer.buffer(Math.max(capacity, have + chunk.length())).appendBuffer(body);
        gathering = true;
      }
      body.appendBuffer(chunk);
    }

    private void end() {
      if (failed || ctx.failed()) return;
      ((RoutingContextInternal) ctx).setBody(body == null ? Buffer.buffer() : body);
      ctx.next();
    }

    /** A transfer the codec could not decode is the client's fault (400); anything else goes to the failure handler. */
    private void broken(Throwable t) {
      failed = true;
      if (t instanceof DecoderException) {
        ctx.fail(400, t.getCause() != null ? t.getCause() : t);
      } else {
        ctx.fail(t);
      }
    }
  }
}

package ai.archon.gateway.server;

import ai.archon.gateway.model.OffLoop;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Reads a large JSON body into a tree on a worker thread ({@link OffLoop}), so that the event loop keeps answering its other
 * connections: parsing a 9.5 MB body took the loop long enough to hold {@code /health} back for most of a second.
 * A body below {@link #OFF_LOOP_BYTES} is left to the handler, which parses it on the loop (a hop to a worker costs
 * more than reading a few kilobytes). The next step runs on the request's event loop once the tree, or the reason it
 * could not be read, is kept in {@link Inbound}, so the route's steps keep their order and a malformed body gets the
 * same 400 as a small one.
 *
 * <p>One parse at a time, on one shared worker thread: reading a long string takes about five times the body's size
 * while it runs (Jackson's character segments, the joined characters, the string), and six admitted 9.5 MB bodies
 * parsed at once exhausted a 256 MiB heap that the event loops' few parses at a time did not. Queued bodies wait a few
 * tens of milliseconds each; the admission budget already bounds how many there are.
 */
final class BodyTrees {
  /** Bodies at least this large are parsed off the event loop. */
  static final int OFF_LOOP_BYTES = OffLoop.LARGE_BYTES;
  /** The worker pool every verticle instance shares (by name): one thread. */
  static final String POOL = "archon-body-parser";
  private final OffLoop worker;
  private final Function<Buffer, JsonNode> parser;

  BodyTrees(Vertx vertx) {
    this(vertx, OFF_LOOP_BYTES, ChatRequestParser::tree);
  }

  /** With another threshold and parser: tests watch where the parse runs. */
  BodyTrees(Vertx vertx, int offLoopBytes, Function<Buffer, JsonNode> parser) {
    this.worker = new OffLoop(vertx, POOL, offLoopBytes);
    this.parser = parser;
  }

  /** Runs {@code then} once a large body's tree, or the reason it could not be read, is kept (at once when small). */
  void parse(RoutingContext ctx, Handler<RoutingContext> then) {
    Buffer body = ctx.body().buffer();
    if (body == null || !worker.large(body.length())) {
      then.handle(ctx);
      return;
    }
    Inbound in = Inbound.of(ctx);
    // The result comes back on ctx's event loop.
    worker.submit(() -> parser.apply(body)).onComplete(ar -> {
      if (ar.succeeded()) {
        in.body(ar.result());
      } else {
        in.bodyFailure(ar.cause() instanceof RuntimeException ? (RuntimeException) ar.cause()
            : new IllegalStateException(ar.cause()));
      }
      then.handle(ctx);
    });
  }
}

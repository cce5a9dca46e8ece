package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.CallContext;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Back-pressure from a streaming client to the upstream it is relayed from: the client's socket is the request's
 * {@link CallContext.Outlet}, full while Vert.x's write queue is, so the upstream reader pauses instead of piling the
 * stream up in the gateway's memory. A client that takes no data for {@code stallMs}
 * ({@code server.write_stall_timeout_ms}) gets an error event and the end of its stream, the upstream call is
 * cancelled, and its connection is closed soon after if the error could not be written either (it holds buffers).
 * Used from the request's event loop.
 */
final class ClientOutlet implements CallContext.Outlet {
  /** Time the error event gets to leave before a still-full connection is closed. */
  private static final long CLOSE_GRACE_MS = 1_000;

  private final ChatExchange ex;
  private final SseWriter sse;
  private final long stallMs;
  private Runnable waiting;
  private long timer = -1;

  private ClientOutlet(ChatExchange ex, SseWriter sse, long stallMs) {
    this.ex = ex;
    this.sse = sse;
    this.stallMs = stallMs;
  }

  /** Makes {@code ex}'s client socket the outlet of its upstream streams. */
  static void attach(ChatExchange ex, SseWriter sse, long stallMs) {
    ex.call().outlet(new ClientOutlet(ex, sse, stallMs));
  }

  /** Whether the client's write queue is full (what the writer gathered this turn, at most 16 KiB, not counted). */
  @Override
  public boolean full() {
    HttpServerResponse r = ex.response();
    return !r.ended() && !r.closed() && r.writeQueueFull();
  }

  @Override
  public void whenDrained(Runnable resume) {
    if (!full()) {
      resume.run();
      return;
    }
    waiting = resume;
    ex.response().drainHandler(v -> drained());
    if (timer < 0) timer = ex.ctx().vertx().setTimer(Math.max(1, stallMs), id -> stalled());
  }

  private void drained() {
    if (timer >= 0) ex.ctx().vertx().cancelTimer(timer);
    timer = -1;
    Runnable r = waiting;
    waiting = null;
    if (r != null) r.run();
  }

  private void stalled() {
    timer = -1;
    waiting = null;
    sse.fail(OpenAiError.from(new ApiException(408, "server_error", "write_stall_timeout", null,
        "the client read nothing of the stream for " + stallMs + " ms (server.write_stall_timeout_ms)")));
    ex.call().cancel();
    ex.ctx().vertx().setTimer(CLOSE_GRACE_MS, id -> {
      HttpServerResponse r = ex.response();
      if (r.closed() || !r.writeQueueFull()) return;
      if (ex.ctx().request().version() == HttpVersion.HTTP_2) r.reset();
      else ex.ctx().request().connection().close();
    });
  }
}

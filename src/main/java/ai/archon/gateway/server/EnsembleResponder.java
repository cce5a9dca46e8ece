package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.resilience.Deadline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Answers a chat request with an ensemble, as one JSON object or as an SSE stream. Streams open at once (headers and
 * a role chunk), keep alive while the layers run, relay the final component's tokens when the pipeline allows it,
 * and otherwise send the finished answer in chunks, so both forms carry the same text.
 */
final class EnsembleResponder {
  /** Pieces of this many characters (cut at a space where possible) when an answer is sent as a synthetic stream. */
  private static final int SYNTHETIC_PIECE = 64;
  /** Set when the answer was built from fewer components than configured. */
  static final String DEGRADED = "x-archon-degraded";
  private final Vertx vertx;
  private final long keepAliveMs;

  EnsembleResponder(Vertx vertx, long keepAliveMs) {
    this.vertx = vertx;
    this.keepAliveMs = keepAliveMs;
  }

  void respond(RoutingContext ctx, ParsedChat chat, Pipeline pipeline, RunContext run, boolean trace) {
    respond(ctx, chat, relay -> pipeline.run(run, relay), run, trace, false);
  }

  /**
   * Answers with whatever {@code run} produces given the relay for streamed tokens (null when not streaming them);
   * {@code degraded} is the run's context (null for a cached answer); {@code cached} marks the usage as the
   * original run's ({@code "cached": true}).
   */
  void respond(RoutingContext ctx, ParsedChat chat, Function<Consumer<String>, Future<PipelineResult>> run,
      RunContext degraded, boolean trace, boolean cached) {
    String id = "chatcmpl-" + ctx.get("requestId");
    long created = System.currentTimeMillis() / 1000;
    Deadline deadline = ctx.get(Deadline.class.getName());
    if (!chat.stream()) {
      deadline.bound(run.apply(null)).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        PipelineResult r = ar.result();
        if (degraded != null && degraded.degraded()) ctx.response().putHeader(DEGRADED, "true");
        Buffer body = OpenAiResponses.completion(id, created, chat.model(), choices(r, chat.n()), "stop",
            r.usage(), trace ? r.trace() : null);
        Responses.json(ctx, 200, cached ? CachedUsage.mark(body) : body);
      });
      return;
    }
    SseWriter sse = new SseWriter(vertx, ctx.response(), keepAliveMs);
    sse.open();
    sse.data(OpenAiResponses.roleChunk(id, created, chat.model(), 0));
    RequestTimer timer = RequestTimer.of(ctx);
    Consumer<String> relay = chat.n() == 1
        ? text -> {
          timer.firstToken();
          sse.data(OpenAiResponses.textChunk(id, created, chat.model(), 0, text));
        }
        : null;
    deadline.bound(run.apply(relay)).onComplete(ar -> {
      if (ar.failed()) {
        sse.fail(OpenAiError.from(ar.cause()));
        return;
      }
      // The headers left long ago, so a stream says it is degraded in a comment before [DONE] (and in the trace).
      if (degraded != null && degraded.degraded()) sse.comment(DEGRADED + ": true");
      PipelineResult r = ar.result();
      timer.firstToken();
      List<String> answers = choices(r, chat.n());
      for (int i = 0; i < answers.size(); i++) {
        if (i > 0) sse.data(OpenAiResponses.roleChunk(id, created, chat.model(), i));
        if (!r.relayed()) {
          for (String piece : pieces(answers.get(i))) {
            sse.data(OpenAiResponses.textChunk(id, created, chat.model(), i, piece));
          }
        }
        sse.data(OpenAiResponses.finishChunk(id, created, chat.model(), i, "stop"));
      }
      if (chat.includeUsage()) {
        Buffer usage = OpenAiResponses.usageChunk(id, created, chat.model(), r.usage());
        sse.data(cached ? CachedUsage.mark(usage) : usage);
      }
      sse.done();
    });
  }

  private static List<String> choices(PipelineResult r, int n) {
    return r.answers().subList(0, Math.min(n, r.answers().size()));
  }

  /** Splits text into pieces whose concatenation is exactly the text. */
  static List<String> pieces(String text) {
    List<String> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + SYNTHETIC_PIECE);
      if (end < text.length()) {
        int space = text.lastIndexOf(' ', end);
        if (space > i) end = space;
      }
      // Never split a surrogate pair: a lone half is not valid UTF-8 on the wire.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end--;
      if (end <= i) end = Math.min(text.length(), i + SYNTHETIC_PIECE + 1);
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }
}

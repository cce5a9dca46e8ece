package ai.archon.gateway.server;

import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.resilience.Deadline;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

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
    String id = "chatcmpl-" + ctx.get("requestId");
    long created = System.currentTimeMillis() / 1000;
    Deadline deadline = ctx.get(Deadline.class.getName());
    if (!chat.stream()) {
      deadline.bound(pipeline.run(run, null)).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        PipelineResult r = ar.result();
        if (run.degraded()) ctx.response().putHeader(DEGRADED, "true");
        Responses.json(ctx, 200, OpenAiResponses.completion(id, created, chat.model(), choices(r, chat.n()), "stop",
            r.usage(), trace ? r.trace() : null));
      });
      return;
    }
    SseWriter sse = new SseWriter(vertx, ctx.response(), keepAliveMs);
    sse.open();
    sse.data(OpenAiResponses.roleChunk(id, created, chat.model(), 0));
    Consumer<String> relay = chat.n() == 1
        ? text -> sse.data(OpenAiResponses.textChunk(id, created, chat.model(), 0, text))
        : null;
    deadline.bound(pipeline.run(run, relay)).onComplete(ar -> {
      if (ar.failed()) {
        sse.fail(OpenAiError.from(ar.cause()));
        return;
      }
      // The headers left long ago, so a stream says it is degraded in a comment before [DONE] (and in the trace).
      if (run.degraded()) sse.comment(DEGRADED + ": true");
      PipelineResult r = ar.result();
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
      if (chat.includeUsage()) sse.data(OpenAiResponses.usageChunk(id, created, chat.model(), r.usage()));
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

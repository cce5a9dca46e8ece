package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.pipeline.PipelineResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers a chat request with an ensemble, as one JSON object or as an SSE stream. Streams open at once (headers and
 * a role chunk), keep alive while the layers run, relay the final component's tokens when the pipeline allows it,
 * and otherwise send the finished answer in chunks, so both forms carry the same text.
 */
record EnsembleResponder(Vertx vertx, long keepAliveMs, long writeStallMs) {
  /** Pieces of this many characters (cut at a space where possible) when an answer is sent as a synthetic stream. */
  private static final int SYNTHETIC_PIECE = 64;
  /** Set when the answer was built from fewer components than configured. */
  static final String DEGRADED = "x-archon-degraded";

  /** Answers {@code ex} with {@code answer}, as one JSON object or as a stream, as the client asked. */
  void respond(ChatExchange ex, EnsembleAnswer answer) {
    ParsedChat chat = ex.chat();
    if (!chat.stream()) {
      CompletionWriter out = new CompletionWriter(ex.completionId(), chat.model(), null);
      ex.deadline().bound(answer.source().answer(null)).onComplete(ar -> {
        if (ar.failed()) {
          ex.ctx().fail(ar.cause());
          return;
        }
        PipelineResult r = ar.result();
        if (answer.degraded()) ex.response().putHeader(DEGRADED, "true");
        Buffer body = out.completion(choices(r, chat.n()), r.usage(), answer.trace() ? r.trace() : null);
        ex.answer(answer.cached() ? CachedUsage.mark(body) : body);
      });
      return;
    }
    SseWriter sse = ex.sse(vertx, keepAliveMs);
    ClientOutlet.attach(ex, sse, writeStallMs); // the final layer's relayed stream waits for a slow client
    sse.open();
    CompletionWriter out = new CompletionWriter(ex.completionId(), chat.model(), sse);
    if (answer.run() != null && ex.tracesLive()) {
      answer.run().listen(new TraceEvents(sse, out.head(), vertx.getOrCreateContext()));
    }
    out.begin(0);
    RequestTimer timer = ex.timer();
    Consumer<String> relay = chat.n() == 1
        ? text -> {
          timer.firstToken();
          out.text(0, text);
        }
        : null;
    ex.deadline().bound(answer.source().answer(relay)).onComplete(ar -> {
      if (ar.failed()) {
        sse.fail(OpenAiError.from(ar.cause()));
        return;
      }
      // The headers left long ago, so a stream says it is degraded in a comment before [DONE] (and in the trace).
      if (answer.degraded()) sse.comment(DEGRADED + ": true");
      PipelineResult r = ar.result();
      timer.firstToken();
      List<ChatResult> answers = choices(r, chat.n());
      for (int i = 0; i < answers.size(); i++) {
        ChatResult a = answers.get(i);
        if (!r.relayed()) {
          for (String piece : pieces(a.text())) out.text(i, piece);
        }
        if (a.hasToolCalls()) out.toolCalls(i, a.toolCalls());
        out.finish(i, a.finishReason());
      }
      if (chat.includeUsage()) out.usage(r.usage(), answer.cached());
      sse.done();
    });
  }

  /**
   * The first {@code n} answers as the client gets them: a text answer as text, finish {@code stop}; a tool-call
   * answer as its calls with no text (its candidate text is only the calls written out for judges), finish
   * {@code tool_calls}.
   */
  static List<ChatResult> choices(PipelineResult r, int n) {
    List<ChatResult> out = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(n, r.answers().size()); i++) {
      List<ToolCall> calls = r.toolCalls(i);
      out.add(calls.isEmpty() ? new ChatResult(r.answers().get(i), null, "stop")
          : new ChatResult("", null, "tool_calls", calls));
    }
    return out;
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

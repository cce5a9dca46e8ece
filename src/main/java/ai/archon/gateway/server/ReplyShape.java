package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * The API a chat answer reaches its client in. Every responder writes Chat Completions JSON (a whole
 * {@code chat.completion}, or {@code chat.completion.chunk}s); {@link #CHAT} sends it as it is, another shape (the
 * Responses API's) transcodes it as it is written, so every model and every answer path serves both APIs.
 */
interface ReplyShape {

  /** Chat Completions: the body and the chunks go out untouched. */
  ReplyShape CHAT = new ReplyShape() {
    @Override
    public Future<Buffer> whole(Buffer chatCompletion) {
      return Future.succeededFuture(chatCompletion);
    }

    @Override
    public Stream stream() {
      return null;
    }
  };

  /** The reply body for a whole {@code chat.completion}; completes once whatever the shape keeps is kept. */
  Future<Buffer> whole(Buffer chatCompletion);

  /** The transcoder of one streamed answer, or null: chunks go out as Chat Completions events. */
  Stream stream();

  /** Turns one stream's chat chunks into another API's server-sent events; {@code out} takes framed events. */
  interface Stream {
    /** The events for one chat chunk (JSON text). */
    void chunk(Buffer chatChunk, Consumer<Buffer> out);

    /** The closing events, written once whatever the shape keeps is kept; the stream ends after them. */
    Future<Void> finish(Consumer<Buffer> out);

    /** The events that end a failed stream (its headers are out, so no status can change). */
    void fail(OpenAiError error, Consumer<Buffer> out);
  }
}

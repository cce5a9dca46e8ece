package ai.archon.gateway.server;

import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Writes one chat completion of ours in OpenAI's format, for ensembles and translated pass-through alike: the whole
 * {@code chat.completion}, or the chunk sequence of a stream (per choice: a role chunk, text chunks, a finish chunk;
 * then the usage chunk when asked for). A choice's role chunk goes out before its first text or finish, once.
 */
final class CompletionWriter {
  private final String id;
  private final long created = System.currentTimeMillis() / 1000;
  private final String model;
  private final SseWriter sse;
  private int begun = -1;

  /** @param sse the stream to write chunks to, or null for a whole completion */
  CompletionWriter(String id, String model, SseWriter sse) {
    this.id = id;
    this.model = model;
    this.sse = sse;
  }

  /** A whole {@code chat.completion}, one choice per answer; {@code trace} (or null) goes under "archon". */
  Buffer completion(List<String> answers, String finishReason, Usage usage, ObjectNode trace) {
    return OpenAiResponses.completion(id, created, model, answers, finishReason, usage, trace);
  }

  /** Starts choice {@code index} (and every choice before it not yet started) with its role chunk. */
  void begin(int index) {
    while (begun < index) {
      begun++;
      sse.data(OpenAiResponses.roleChunk(id, created, model, begun));
    }
  }

  /** True once a choice's role chunk left. */
  boolean begun() { return begun >= 0; }

  void text(int index, String text) {
    begin(index);
    sse.data(OpenAiResponses.textChunk(id, created, model, index, text));
  }

  void finish(int index, String finishReason) {
    begin(index);
    sse.data(OpenAiResponses.finishChunk(id, created, model, index, finishReason));
  }

  /** The usage chunk, marked as the original run's when {@code cached}. */
  void usage(Usage usage, boolean cached) {
    Buffer chunk = OpenAiResponses.usageChunk(id, created, model, usage);
    sse.data(cached ? CachedUsage.mark(chunk) : chunk);
  }
}

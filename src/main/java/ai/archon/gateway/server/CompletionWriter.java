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
  private final OpenAiResponses.Head head;
  private final SseWriter sse;
  private int begun = -1;

  /** @param sse the stream to write chunks to, or null for a whole completion */
  CompletionWriter(String id, String model, SseWriter sse) {
    this.head = new OpenAiResponses.Head(id, System.currentTimeMillis() / 1000, model);
    this.sse = sse;
  }

  /** The id, creation time and model every chunk of this completion repeats. */
  OpenAiResponses.Head head() { return head; }

  /** A whole {@code chat.completion}, one choice per answer; {@code trace} (or null) goes under "archon". */
  Buffer completion(List<String> answers, String finishReason, Usage usage, ObjectNode trace) {
    return OpenAiResponses.completion(head, answers, finishReason, usage, trace);
  }

  /** Starts choice {@code index} (and every choice before it not yet started) with its role chunk. */
  void begin(int index) {
    while (begun < index) {
      begun++;
      sse.data(OpenAiResponses.roleChunk(head, begun));
    }
  }

  void text(int index, String text) {
    begin(index);
    sse.data(OpenAiResponses.textChunk(head, index, text));
  }

  void finish(int index, String finishReason) {
    begin(index);
    sse.data(OpenAiResponses.finishChunk(head, index, finishReason));
  }

  /** The usage chunk, marked as the original run's when {@code cached}. */
  void usage(Usage usage, boolean cached) {
    Buffer chunk = OpenAiResponses.usageChunk(head, usage);
    sse.data(cached ? CachedUsage.mark(chunk) : chunk);
  }
}

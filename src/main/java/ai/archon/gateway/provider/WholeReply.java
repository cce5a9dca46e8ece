package ai.archon.gateway.provider;

import ai.archon.gateway.model.MemoryBudget;
import io.vertx.core.buffer.Buffer;

/**
 * Gathers a reply's body, up to {@link #MAX_REPLY_BYTES}, reserving its bytes in the gateway's memory budget until
 * {@link #release()}. Most replies arrive as one chunk, which is kept as it is (Vert.x hands over a copy of its
 * own); a buffer to gather chunks is made only when a second one comes.
 */
final class WholeReply implements HttpCalls.Chunks {
  /** Largest non-streaming reply accepted. */
  static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

  private final MemoryBudget memory;
  private final String provider;
  private final String model;
  private long reserved;
  private Buffer body;
  private boolean gathering;

  /** {@code provider} and {@code model} name the reply in the refusal, joined only then. */
  WholeReply(MemoryBudget memory, String provider, String model) {
    this.memory = memory;
    this.provider = provider;
    this.model = model;
  }

  @Override
  public boolean onChunk(Buffer chunk) {
    // Counted against the gateway's memory budget while gathered, so that many large replies at once get a fast
    // 503 rather than the heap running out.
    if (!memory.tryReserve(chunk.length())) {
      throw new MemoryBudget.ExhaustedException("the gateway is holding as many request bodies and replies as its"
          + " memory allows (" + provider + " (" + model + ") reply); retry shortly");
    }
    reserved += chunk.length();
    int have = body == null ? 0 : body.length();
    if (have + chunk.length() > MAX_REPLY_BYTES) {
      throw new IllegalStateException("reply larger than " + MAX_REPLY_BYTES + " bytes");
    }
    if (body == null) {
      body = chunk;
      return false;
    }
    if (!gathering) {
      body = Buffer.buffer(Math.max(have + chunk.length(), 2 * have)).appendBuffer(body);
      gathering = true;
    }
    body.appendBuffer(chunk);
    return false;
  }

  Buffer body() {
    return body == null ? Buffer.buffer() : body;
  }

  void release() {
    memory.release(reserved);
    reserved = 0;
  }
}

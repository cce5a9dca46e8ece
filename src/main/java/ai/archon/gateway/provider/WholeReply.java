package ai.archon.gateway.provider;

import io.vertx.core.buffer.Buffer;

/**
 * Gathers a reply's body, up to {@link #MAX_REPLY_BYTES}. Most replies arrive as one chunk, which is kept as it is
 * (Vert.x hands over a copy of its own); a buffer to gather chunks is made only when a second one comes.
 */
final class WholeReply implements HttpCalls.Chunks {
  /** Largest non-streaming reply accepted. */
  static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

  private Buffer body;
  private boolean gathering;

  @Override
  public boolean onChunk(Buffer chunk) {
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
}

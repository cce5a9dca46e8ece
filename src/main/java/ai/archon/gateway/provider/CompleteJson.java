package ai.archon.gateway.provider;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.JsonIo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Whether a relayed upstream reply is one complete JSON object: pass-through sends the provider's bytes on as they
 * are, so a truncated or empty body would otherwise reach the client as a 200. A whole reply and a stream event are
 * both checked by their shape (below), in one pass over the bytes, without building a tree or tokenising (the reply
 * is relayed, not read).
 */
final class CompleteJson {
  private CompleteJson() { }

  /**
   * A whole non-streaming reply, by its shape. Tokenising it with Jackson, as before, was 1.9 % of the event loop's
   * CPU samples in pass-through at concurrency 16, the largest of the gateway's JSON costs there.
   */
  static boolean object(Buffer body) {
    if (body == null || body.length() == 0) return false;
    ByteBuf buf = ((BufferInternal) body).getByteBuf();
    if (buf.hasArray()) {
      int from = buf.arrayOffset() + buf.readerIndex();
      return closedObject(buf.array(), from, from + buf.readableBytes());
    }
    byte[] b = body.getBytes();
    return closedObject(b, 0, b.length);
  }

  /**
   * One relayed stream event's data, by its shape: an object whose braces and brackets close, with no string left
   * open, and nothing but whitespace after it. That is what a cut or interleaved event breaks. Why not Jackson here:
   * creating a parser and tokenising every ~200-byte event (field names hashed into its symbol table) was 18 % of
   * the event loops' CPU while relaying 120 streams (bench/abuse.py phase 5 profile); this is one pass over the bytes.
   * Tokens between the brackets are not checked: the client parses what it is sent, as it would from the provider.
   */
  static boolean object(EventBytes data) {
    return closedObject(data.array(), data.length());
  }

  static boolean closedObject(byte[] b, int length) {
    return closedObject(b, 0, length);
  }

  /** The shape check over {@code b[from, to)}. */
  static boolean closedObject(byte[] b, int from, int to) {
    int i = from;
    while (i < to && whitespace(b[i])) i++;
    if (i == to || b[i] != '{') return false;
    // Open brackets as a bit stack (1 = '{'), 64 deep; deeper replies are rare enough to fall back to Jackson.
    long open = 0;
    int depth = 0;
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '"') {
        for (i++; i < to && b[i] != '"'; i++) {
          if (b[i] == '\\') i++;
        }
        if (i >= to) return false;
      } else if (c == '{' || c == '[') {
        if (depth == 64) return jackson(b, from, to);
        open = (open << 1) | (c == '{' ? 1 : 0);
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0 || ((open & 1) == 1) != (c == '}')) return false;
        open >>>= 1;
        if (--depth == 0) return trailingWhitespace(b, i + 1, to);
      }
    }
    return false;
  }

  private static boolean trailingWhitespace(byte[] b, int from, int length) {
    for (int i = from; i < length; i++) {
      if (!whitespace(b[i])) return false;
    }
    return true;
  }

  private static boolean whitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean jackson(byte[] b, int from, int to) {
    try (JsonParser p = JsonIo.MAPPER.createParser(b, from, to - from)) {
      return object(p);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean object(JsonParser p) throws java.io.IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) return false;
    p.skipChildren();
    return p.nextToken() == null;
  }

  /** The failure for a broken reply: a 502 retried like a 5xx while nothing has reached the client. */
  static UpstreamException broken(String provider, String model, String what) {
    return new UpstreamException(provider, 502, "upstream_error", true,
        provider + " (" + model + ") sent " + what);
  }
}

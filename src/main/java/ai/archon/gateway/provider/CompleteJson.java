package ai.archon.gateway.provider;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.JsonIo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

/**
 * Whether a relayed upstream reply is one complete JSON object: pass-through sends the provider's bytes on as they
 * are, so a truncated or empty body would otherwise reach the client as a 200. A whole body is scanned token by token
 * with Jackson, without building a tree (the reply is relayed, not read); a stream event only by its shape (below).
 */
final class CompleteJson {
  private CompleteJson() { }

  static boolean object(Buffer body) {
    if (body == null || body.length() == 0) return false;
    try (JsonParser p = JsonIo.parser(body)) {
      return object(p);
    } catch (Exception e) {
      return false;
    }
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
    int i = 0;
    while (i < length && whitespace(b[i])) i++;
    if (i == length || b[i] != '{') return false;
    // Open brackets as a bit stack (1 = '{'), 64 deep; deeper events are rare enough to fall back to Jackson.
    long open = 0;
    int depth = 0;
    for (; i < length; i++) {
      byte c = b[i];
      if (c == '"') {
        for (i++; i < length && b[i] != '"'; i++) {
          if (b[i] == '\\') i++;
        }
        if (i >= length) return false;
      } else if (c == '{' || c == '[') {
        if (depth == 64) return jackson(b, length);
        open = (open << 1) | (c == '{' ? 1 : 0);
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0 || ((open & 1) == 1) != (c == '}')) return false;
        open >>>= 1;
        if (--depth == 0) return trailingWhitespace(b, i + 1, length);
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

  private static boolean jackson(byte[] b, int length) {
    try (JsonParser p = JsonIo.MAPPER.createParser(b, 0, length)) {
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

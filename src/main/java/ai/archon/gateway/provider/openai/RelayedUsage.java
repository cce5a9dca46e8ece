package ai.archon.gateway.provider.openai;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The usage of an OpenAI reply that the gateway relays as is (pass-through, whole or streamed): read by scanning,
 * never by building the reply as a tree, because the reply itself goes out untouched.
 */
public final class RelayedUsage {
  private static final EventBytes.Key KEY = EventBytes.Key.of("\"usage\"");

  private RelayedUsage() { }

  /**
   * The usage of a reply that is relayed as is (pass-through), or null when it has none or is not JSON. Streams
   * over the top-level fields and skips the others unread: only {@code usage} (and Groq's {@code x_groq}) become
   * trees, so a long answer costs a scan, not a parse into nodes.
   */
  public static Usage of(Buffer reply) {
    Usage last = TailUsage.find(reply);
    if (last != null) return last;
    try (JsonParser p = JsonIo.parser(reply)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      Usage top = null;
      Usage groq = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("usage") && value == JsonToken.START_OBJECT) {
          top = usageFields(p);
        } else if (name.equals("x_groq") && value == JsonToken.START_OBJECT) {
          groq = groqUsage(p);
        } else {
          p.skipChildren();
        }
      }
      return top != null ? top : groq;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The usage in one relayed stream event's JSON, or null. Only the event that carries a usage object is parsed:
   * with {@code include_usage} every other chunk has {@code "usage": null}, which a look at the bytes rules out
   * (the relay's form: nothing decoded).
   */
  public static Usage ofStreamEvent(EventBytes data) {
    int at = data.indexOf(KEY);
    if (at < 0) return null;
    byte[] a = data.array();
    int i = at + KEY.length();
    while (i < data.length() && (a[i] == ':' || a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r')) i++;
    if (i >= data.length() || a[i] != '{') return null;
    return of(Buffer.buffer(data.copy()));
  }

  /** Groq's {@code x_groq} object the parser is at the start of: the usage inside it, or null; read through its end. */
  static Usage groqUsage(JsonParser p) throws IOException {
    Usage usage = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean named = p.currentName().equals("usage");
      if (p.nextToken() == JsonToken.START_OBJECT && named) usage = usageFields(p);
      else p.skipChildren();
    }
    return usage;
  }

  /** Reads a usage object the parser is at the start of, through its end. */
  static Usage usageFields(JsonParser p) throws IOException {
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (v.isNumeric() && field.equals("prompt_tokens")) prompt = p.getValueAsLong();
      else if (v.isNumeric() && field.equals("completion_tokens")) completion = p.getValueAsLong();
      else if (v == JsonToken.START_OBJECT && field.equals("prompt_tokens_details")) cached = cachedTokens(p);
      else p.skipChildren();
    }
    return new Usage(prompt, completion, cached);
  }

  /** {@code prompt_tokens_details.cached_tokens} (the parser is at the object's start; reads through its end). */
  private static long cachedTokens(JsonParser p) throws IOException {
    long cached = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean hit = p.currentName().equals("cached_tokens");
      if (p.nextToken().isNumeric() && hit) cached = p.getValueAsLong();
      else p.skipChildren();
    }
    return cached;
  }
}

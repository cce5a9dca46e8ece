package ai.archon.gateway.provider;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.JsonIo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

/**
 * Whether a relayed upstream reply is one complete JSON object: pass-through sends the provider's bytes on as they
 * are, so a truncated or empty body would otherwise reach the client as a 200. Scans tokens without building a
 * tree (the reply is relayed, not read).
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

  /** One relayed stream event's data, read from its bytes in place. */
  static boolean object(EventBytes data) {
    if (data.length() == 0) return false;
    try (JsonParser p = JsonIo.MAPPER.createParser(data.array(), 0, data.length())) {
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

package ai.archon.gateway.server;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Marks the usage of a cached answer: the original run's counts plus {@code "cached": true}. */
final class CachedUsage {
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)

  private CachedUsage() { }

  /** The same completion (or usage chunk) with {@code usage.cached = true}; rare path, so a tree round trip. */
  static Buffer mark(Buffer json) {
    try {
      JsonNode root = MAPPER.readTree(json.getBytes());
      if (root.get("usage") instanceof ObjectNode) ((ObjectNode) root.get("usage")).put("cached", true);
      return Buffer.buffer(MAPPER.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

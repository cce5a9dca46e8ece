package ai.archon.gateway.scale;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A finished ensemble answer as the cache keeps it: every choice's text and the usage of the original run. */
public record CachedAnswer(List<String> answers, Usage usage) {
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)

  public CachedAnswer {
    answers = List.copyOf(answers);
  }

  String toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    ArrayNode a = n.putArray("answers");
    answers.forEach(a::add);
    n.put("prompt_tokens", usage.promptTokens());
    n.put("completion_tokens", usage.completionTokens());
    return n.toString();
  }

  static CachedAnswer fromJson(String json) throws IOException {
    JsonNode n = MAPPER.readTree(json);
    List<String> answers = new ArrayList<>();
    n.path("answers").forEach(a -> answers.add(a.asText()));
    if (answers.isEmpty()) throw new IOException("a cached answer without text");
    return new CachedAnswer(answers, new Usage(n.path("prompt_tokens").asLong(), n.path("completion_tokens").asLong()));
  }
}

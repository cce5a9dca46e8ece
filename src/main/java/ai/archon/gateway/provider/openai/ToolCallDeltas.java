package ai.archon.gateway.provider.openai;

import ai.archon.gateway.model.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Accumulates streamed {@code delta.tool_calls} by their {@code index}: the first delta of a call carries its id and
 * function name, later ones append pieces of its arguments text.
 */
final class ToolCallDeltas {
  private final TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments so far}

  /** Adds one chunk's {@code delta.tool_calls} array (missing or null: nothing). */
  void add(JsonNode deltas) {
    if (deltas == null || !deltas.isArray()) return;
    for (JsonNode d : deltas) {
      String[] c = calls.computeIfAbsent(d.path("index").asInt(calls.size()), i -> new String[] {null, null, ""});
      if (d.path("id").isTextual()) c[0] = d.get("id").asText();
      JsonNode fn = d.path("function");
      if (fn.path("name").isTextual()) c[1] = c[1] == null ? fn.get("name").asText() : c[1] + fn.get("name").asText();
      if (fn.path("arguments").isTextual()) c[2] += fn.get("arguments").asText();
    }
  }

  /**
   * An id for a call whose server sent none (some OpenAI-compatible servers omit it): the client's tool message must
   * name the call it answers, so every call the gateway hands on has one, unique within its message.
   */
  static String missingId(int index) {
    return "call_" + (index + 1);
  }

  /** The calls in index order; a call that never got a name is dropped (nothing to call). */
  List<ToolCall> calls() {
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (String[] c : calls.values()) {
      if (c[1] != null) out.add(new ToolCall(c[0] != null ? c[0] : missingId(out.size()), c[1], c[2]));
    }
    return out;
  }
}

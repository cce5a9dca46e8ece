package ai.archon.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How one layer of a run ended: its number (from 1), candidate counts, latency and its components' traces in config
 * order. Made for every layer (a few fields); its JSON only when a listener asks for it ({@link #toJson}), because
 * most requests want no trace.
 */
public record LayerRun(int number, int candidatesIn, int candidatesOut, long latencyMs,
    List<ComponentTrace> components) {

  /** The layer's entry of the reply's trace ({@code x-archon-trace}), as of now. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("layer", number);
    n.put("candidates_in", candidatesIn);
    n.put("candidates_out", candidatesOut);
    n.put("latency_ms", latencyMs);
    Double cost = 0.0;
    for (ComponentTrace t : components) cost = cost == null || t.cost() == null ? null : cost + t.cost();
    n.put("cost", cost);
    ArrayNode arr = n.putArray("components");
    for (ComponentTrace t : components) arr.add(t.toJson());
    return n;
  }
}

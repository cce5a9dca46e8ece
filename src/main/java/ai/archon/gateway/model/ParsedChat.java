package ai.archon.gateway.model;

import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A validated {@code POST /v1/chat/completions} body; {@code raw} is kept for pass-through proxying. */
public record ParsedChat(String model, List<Message> messages, Overrides overrides, int n, Delivery delivery,
    ObjectNode raw) {

  /** Whether the answer streams, and whether its stream ends with the usage chunk ({@code include_usage}). */
  public record Delivery(boolean stream, boolean includeUsage) { }

  public boolean stream() { return delivery.stream(); }

  public boolean includeUsage() { return delivery.includeUsage(); }
}

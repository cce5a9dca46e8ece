package ai.archon.gateway.model;

import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A validated {@code POST /v1/chat/completions} body; {@code raw} is kept for pass-through proxying. */
public record ParsedChat(String model, List<Message> messages, Overrides overrides, int n, boolean stream,
    boolean includeUsage, ObjectNode raw) {
}

package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One benchmark question: its resume {@code key}, the input line as read ({@code source}, for the answer writer),
 * the messages before the first turn ({@code context}), the user turns asked one after another in one conversation
 * (none: one call on {@code context}), and the sampling to request ({@code null} = the model's own setting).
 */
public record Question(String key, ObjectNode source, List<Message> context, List<String> turns, Double temperature,
    Integer maxTokens) {
  public Question {
    context = List.copyOf(context);
    turns = List.copyOf(turns);
  }

  /** A question whose turns are asked in a fresh conversation. */
  static Question turns(String key, ObjectNode source, List<String> turns, Double temperature, Integer maxTokens) {
    return new Question(key, source, List.of(), turns, temperature, maxTokens);
  }
}

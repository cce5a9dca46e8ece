package ai.archon.gateway.bench.judge;

import ai.archon.gateway.model.Message;
import java.util.List;

/**
 * One question to the judge: the conversation, the official sampling ({@code null} = the judge's own), how many top
 * log-probabilities of the first token to ask for (0: none), and what to say when the reply has no verdict
 * ({@code null}: ask the same conversation again; else the reply and this follow-up continue the conversation).
 */
record JudgeAsk(List<Message> messages, Double temperature, Integer maxTokens, int topLogprobs, String followUp) {
  JudgeAsk {
    messages = List.copyOf(messages);
  }
}

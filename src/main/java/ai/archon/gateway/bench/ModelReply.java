package ai.archon.gateway.bench;

import ai.archon.gateway.model.Usage;
import java.util.Map;

/**
 * One chat completion as the bench sees it: the answer text, its usage, how many upstream calls it took, and the top
 * log-probabilities of its first token by token (empty unless asked for and returned; a judge reads them).
 */
public record ModelReply(String text, Usage usage, int upstreamCalls, Map<String, Double> firstTokenLogprobs) {
  public ModelReply {
    firstTokenLogprobs = Map.copyOf(firstTokenLogprobs);
  }

  public ModelReply(String text, Usage usage, int upstreamCalls) {
    this(text, usage, upstreamCalls, Map.of());
  }
}

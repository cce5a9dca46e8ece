package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import io.vertx.core.Future;
import java.util.List;

/** Where the bench sends each chat call: the pipeline in-process, or an OpenAI-compatible endpoint. */
public interface Answerer {

  /** One chat completion of {@code messages}; {@code temperature} and {@code maxTokens} are null when not set. */
  Future<ModelReply> ask(List<Message> messages, Double temperature, Integer maxTokens);

  /**
   * As {@link #ask}, also asking for the {@code topLogprobs} most likely first tokens with their log-probabilities
   * (OpenAI's {@code logprobs}/{@code top_logprobs}); an answerer that cannot carry them answers without (the reply's
   * {@link ModelReply#firstTokenLogprobs()} is then empty).
   */
  default Future<ModelReply> askWithLogprobs(List<Message> messages, Double temperature, Integer maxTokens,
      int topLogprobs) {
    return ask(messages, temperature, maxTokens);
  }

  /** Releases clients; the default has none. */
  default void close() { }
}

package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import io.vertx.core.Future;
import java.util.List;

/** Where the bench sends each chat call: the pipeline in-process, or an OpenAI-compatible endpoint. */
public interface Answerer {

  /** One chat completion of {@code messages}; {@code temperature} and {@code maxTokens} are null when not set. */
  Future<ModelReply> ask(List<Message> messages, Double temperature, Integer maxTokens);

  /** Releases clients; the default has none. */
  default void close() { }
}

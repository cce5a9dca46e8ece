package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Purpose;
import java.util.List;

/**
 * What one upstream call of a component sends besides the component's model: the prompt, why it is asked (for the
 * mock and the trace), the temperature and output limit to send (already overridden and capped), and whether it is
 * the final layer's call (only then does the client's {@code stop} apply).
 */
public record CallOptions(List<Message> messages, Purpose purpose, Double temperature, Integer maxTokens,
    boolean finalLayer) {

  /** The component's own temperature and output limit, outside the final layer: how judges and critics ask. */
  public static CallOptions of(ComponentSpec spec, List<Message> messages, Purpose purpose) {
    return new CallOptions(messages, purpose, spec.temperature(), spec.maxTokens(), false);
  }
}

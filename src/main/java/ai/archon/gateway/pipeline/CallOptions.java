package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.Purpose;
import java.util.List;

/**
 * What one upstream call of a component sends besides the component's model: the prompt, why it is asked (for the
 * mock and the trace), the temperature and output limit to send (already overridden and capped), and whether it is
 * the final layer's call (only then does the client's {@code stop} apply), and the client's tools and response
 * format as far as this call gets them ({@link OutputSpec#NONE} for judges, who keep their own formats).
 */
public record CallOptions(List<Message> messages, Purpose purpose, Double temperature, Integer maxTokens,
    boolean finalLayer, OutputSpec output) {

  public CallOptions {
    output = output == null ? OutputSpec.NONE : output;
  }

  public CallOptions(List<Message> messages, Purpose purpose, Double temperature, Integer maxTokens,
      boolean finalLayer) {
    this(messages, purpose, temperature, maxTokens, finalLayer, OutputSpec.NONE);
  }

  /** The same call with another prompt (a second ask). */
  public CallOptions withMessages(List<Message> other) {
    return new CallOptions(other, purpose, temperature, maxTokens, finalLayer, output);
  }

  /** The component's own temperature and output limit, outside the final layer: how judges and critics ask. */
  public static CallOptions of(ComponentSpec spec, List<Message> messages, Purpose purpose) {
    return new CallOptions(messages, purpose, spec.temperature(), spec.maxTokens(), false);
  }
}

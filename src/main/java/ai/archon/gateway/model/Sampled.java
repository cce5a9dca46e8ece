package ai.archon.gateway.model;

import java.util.List;

/**
 * Something that carries a {@link Sampling} ({@link ChatRequest}, {@link Overrides}): its fields read through, so
 * callers keep writing {@code request.temperature()}.
 */
public interface Sampled {
  Sampling sampling();

  default Double temperature() {
    return sampling().temperature();
  }

  default Integer maxTokens() {
    return sampling().maxTokens();
  }

  default Double topP() {
    return sampling().topP();
  }

  default List<String> stop() {
    return sampling().stop();
  }

  default Long seed() {
    return sampling().seed();
  }

  default String user() {
    return sampling().user();
  }
}

package ai.archon.gateway.model;

import java.util.List;

/**
 * How a chat call samples and where it stops: the OpenAI fields a client sets per request and the gateway passes on
 * per call. Null means "not set"; {@code stop} is never null. Grouped so that {@link ChatRequest} and
 * {@link Overrides} carry them as one value (and a pass-through request shares the client's).
 */
public record Sampling(Double temperature, Integer maxTokens, Double topP, List<String> stop, Long seed, String user) {
  public static final Sampling NONE = new Sampling(null, null, null, List.of(), null, null);

  public Sampling {
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  public Sampling withMaxTokens(Integer m) {
    return new Sampling(temperature, m, topP, stop, seed, user);
  }
}

package ai.archon.gateway.model;

import java.util.List;

/**
 * The client's request fields that shape the ensemble's calls: {@code temperature} replaces every generator's
 * temperature (MT-Bench sets it per category), {@code maxTokens} caps the final layer, {@code stop} applies to the
 * final layer (a stop sequence in a critic call would cut its format), {@code topP}, {@code seed} and {@code user}
 * pass to every call; {@code output} (tools, tool choice, response format) reaches the components that may answer
 * with it. Null means "not set".
 */
public record Overrides(Sampling sampling, OutputSpec output) implements Sampled {
  public static final Overrides NONE = new Overrides(Sampling.NONE, OutputSpec.NONE);

  public Overrides {
    sampling = sampling == null ? Sampling.NONE : sampling;
    output = output == null ? OutputSpec.NONE : output;
  }

  public Overrides(Double temperature, Integer maxTokens, Double topP, List<String> stop, Long seed, String user) {
    this(new Sampling(temperature, maxTokens, topP, stop, seed, user), OutputSpec.NONE);
  }

  public Overrides withOutput(OutputSpec o) {
    return new Overrides(sampling, o);
  }
}

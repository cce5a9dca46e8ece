package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.Prices;
import java.util.List;

/**
 * The most a request can cost before it runs, which a spend budget reserves at admission: every call of the
 * architecture at its full output limit, each reading the client's prompt, a prompt-template allowance and every
 * candidate of the layer before at its full length. A component without {@code max_tokens} counts
 * {@link #DEFAULT_OUTPUT_TOKENS}; one that only judges (critic, ranker, verifier, extensions) counts two calls per
 * candidate (a verifier's reasoning and verdict); a component with fallbacks counts at its dearest model.
 */
public final class SpendEstimate {
  /** The output allowance of a call whose output limit is not set. */
  public static final int DEFAULT_OUTPUT_TOKENS = 4096;
  /** Tokens a component's own prompt template may add to what it reads. */
  static final int PROMPT_ALLOWANCE = 1024;

  private SpendEstimate() { }

  /** US dollars, or null when a model the pipeline may call has no price. */
  public static Double of(Pipeline pipeline, long promptTokens, Integer clientMaxTokens, Prices prices) {
    List<Layer> layers = pipeline.layers();
    double usd = 0;
    long candidates = 0;
    long candidateTokens = 0;
    for (int i = 0; i < layers.size(); i++) {
      boolean last = i == layers.size() - 1;
      long written = 0;
      long longest = 0;
      for (Component c : layers.get(i).components()) {
        Prices.Price price = dearest(c.spec(), prices);
        if (price == null) return null;
        long out = c.spec().maxTokens() != null ? c.spec().maxTokens() : DEFAULT_OUTPUT_TOKENS;
        if (last && clientMaxTokens != null) out = Math.min(out, clientMaxTokens);
        long in = promptTokens + PROMPT_ALLOWANCE + candidates * candidateTokens;
        long calls = c.producesCandidates() ? Math.max(1, c.spec().samples()) : 2 * Math.max(1, candidates);
        usd += calls * (in * price.input() + out * price.output()) / 1_000_000.0;
        if (c.producesCandidates()) {
          written += Math.max(1, c.spec().samples());
          longest = Math.max(longest, out);
        }
      }
      if (written > 0) {
        candidates = written;
        candidateTokens = longest;
      }
    }
    return usd;
  }

  /** One pass-through call: its prompt and its output limit, or null when the model has no price. */
  public static Double passThrough(Prices.Price price, long promptTokens, Integer maxTokens) {
    if (price == null) return null;
    long out = maxTokens != null ? maxTokens : DEFAULT_OUTPUT_TOKENS;
    return (promptTokens * price.input() + out * price.output()) / 1_000_000.0;
  }

  /** The highest input and output prices among the component's model and its fallbacks; null if one has none. */
  private static Prices.Price dearest(ComponentSpec spec, Prices prices) {
    Prices.Price own = prices.of(spec.modelType(), spec.model());
    if (own == null) return null;
    double in = own.input();
    double out = own.output();
    for (ComponentSpec.Fallback f : spec.fallbacks()) {
      Prices.Price p = prices.of(f.modelType(), f.model());
      if (p == null) return null;
      in = Math.max(in, p.input());
      out = Math.max(out, p.output());
    }
    return new Prices.Price(in, out);
  }
}

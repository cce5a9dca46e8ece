package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/**
 * Archon's {@code ranker}: reads {@link RankerOptions} ({@code top_k} required); a reward model such as PairRM may
 * run it instead of a chat model ({@link Ranker}). {@code ranker_batch_size} only means something to PairRM.
 */
final class RankerType implements ComponentType {
  @Override public String type() { return "ranker"; }

  @Override public Set<String> usedKeys() { return Set.of("top_k", "use_critiques"); }

  @Override public Set<String> ignoredKeys() { return Set.of("ranker_batch_size"); }

  @Override public boolean acceptsRewardModels() { return true; }

  @Override
  public ComponentOptions parse(ComponentFields f) {
    Integer topK = f.positiveInt("top_k");
    if (topK == null && !f.present("top_k")) f.error("a ranker needs \"top_k\" (how many candidates to keep)");
    return new RankerOptions(topK, f.bool("use_critiques"));
  }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new Ranker(spec); }
}

package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import java.util.Map;
import java.util.Set;

/**
 * Archon's {@code fuser}: reads {@link FuserOptions}; needs candidates and writes new ones ({@link Fuser}). The
 * misspelling {@code length_contorl} (in three published configs whose file names end in {@code _length_control}) is
 * honoured as {@code length_control}, with a warning; the ignored keys are Archon's and do nothing there either.
 */
final class FuserType implements ComponentType {
  @Override public String type() { return "fuser"; }

  @Override public Set<String> usedKeys() { return Set.of("length_control"); }

  @Override
  public Set<String> ignoredKeys() {
    return Set.of("top_k", "top_k_generations", "fuse_generations_count", "ranker_config", "ranker_batch_size",
        "use_critiques", "remove_unit_tests_from_prompt");
  }

  @Override public Map<String, String> honouredMisspellings() { return Map.of("length_contorl", "length_control"); }

  @Override public boolean producesCandidates() { return true; }

  @Override public boolean needsCandidates() { return true; }

  @Override
  public ComponentOptions parse(ComponentFields f) { return new FuserOptions(f.bool("length_control")); }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new Fuser(spec, finalLayer); }
}

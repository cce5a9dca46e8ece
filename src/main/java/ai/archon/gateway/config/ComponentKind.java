package ai.archon.gateway.config;

import java.util.Map;
import java.util.Set;

/**
 * What loading a config needs of one component type: its name, the keys it knows, how candidates and unit tests flow
 * through it, and how it reads its own options. It is the config half of {@code pipeline/ComponentType}, which adds
 * how the type runs; config sits below the pipeline, so it sees types only through this interface.
 */
public interface ComponentKind {

  /** The {@code type} configs name, e.g. {@code ranker}. */
  String type();

  /** The keys this type reads beyond the common ones (for Archon's types, any other key gets a warning). */
  default Set<String> usedKeys() { return Set.of(); }

  /** Keys accepted silently because published Archon configs carry them and Archon ignores them on this type. */
  default Set<String> ignoredKeys() { return Set.of(); }

  /** Misspellings found in published configs whose meaning is clear: misspelling → the key it stands for. */
  default Map<String, String> honouredMisspellings() { return Map.of(); }

  /**
   * The component writes new candidates (like a generator or fuser) rather than judging incoming ones; one that
   * {@link #startsFresh() starts fresh} always does.
   */
  default boolean producesCandidates() { return startsFresh(); }

  /** The component needs candidates from an earlier layer (the loader checks the layer order). */
  default boolean needsCandidates() { return !producesCandidates(); }

  /** It writes candidates without reading any (a generator): a layer of only these drops earlier candidates. */
  default boolean startsFresh() { return false; }

  /** It writes unit tests for later layers (unit_test_generator). */
  default boolean writesUnitTests() { return false; }

  /** It needs unit tests from an earlier layer (unit_test_evaluator). */
  default boolean needsUnitTests() { return false; }

  /** A reward model (PairRM, or a component with an empty model_type) may stand in for its chat model (ranker). */
  default boolean acceptsRewardModels() { return false; }

  /** Reads the type's own keys; a problem reported through {@code fields} as an error rejects the component. */
  default ComponentOptions parse(ComponentFields fields) { return ComponentOptions.NONE; }
}

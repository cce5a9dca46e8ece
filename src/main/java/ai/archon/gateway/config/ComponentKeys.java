package ai.archon.gateway.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table of which keys each component type knows. A key is <em>used</em> (read into {@link ComponentSpec} and
 * type-checked) or <em>ignored</em> (accepted silently because published Archon configs carry it and Archon itself
 * does nothing with it). Any other key gets a warning: with a suggestion when it looks like a typo of a known key,
 * or "has no effect" when it belongs to another component type.
 *
 * <table>
 *   <caption>Keys per component type</caption>
 *   <tr><th>type</th><th>used</th><th>ignored</th></tr>
 *   <tr><td>all types</td><td>type, model, model_type, temperature, max_tokens, max_context_length, samples,
 *       no_system, base_url, fallbacks</td><td>checkpoint</td></tr>
 *   <tr><td>generator</td><td></td><td>top_k</td></tr>
 *   <tr><td>critic</td><td></td><td>top_k, ranker_batch_size</td></tr>
 *   <tr><td>ranker</td><td>top_k, use_critiques</td><td>ranker_batch_size (PairRM only)</td></tr>
 *   <tr><td>fuser</td><td>length_control</td><td>top_k, top_k_generations, fuse_generations_count, ranker_config,
 *       ranker_batch_size, use_critiques, remove_unit_tests_from_prompt</td></tr>
 *   <tr><td>verifier</td><td>first_k</td><td>batch_num</td></tr>
 *   <tr><td>unit_test_generator</td><td>unit_test_cap</td><td></td></tr>
 *   <tr><td>unit_test_evaluator</td><td>top_k, first_k, first_pass, remove_unit_tests_from_prompt</td>
 *       <td>unit_test_cap</td></tr>
 * </table>
 *
 * <p>{@code first_pass: true} is Archon's older spelling of {@code first_k: 1} and is honoured as such. The
 * misspelling {@code length_contorl} (in three published configs whose file names end in {@code _length_control})
 * is honoured as {@code length_control}, with a warning.
 */
final class ComponentKeys {
  static final Set<String> COMMON_USED = Set.of(
      "type", "model", "model_type", "temperature", "max_tokens", "max_context_length", "samples", "no_system",
      "base_url", "fallbacks", "custom");
  static final Set<String> COMMON_IGNORED = Set.of("checkpoint");

  private static final Map<String, Set<String>> USED = Map.of(
      ComponentTypes.GENERATOR, Set.of(),
      ComponentTypes.CRITIC, Set.of(),
      ComponentTypes.RANKER, Set.of("top_k", "use_critiques"),
      ComponentTypes.FUSER, Set.of("length_control"),
      ComponentTypes.VERIFIER, Set.of("first_k"),
      ComponentTypes.UNIT_TEST_GENERATOR, Set.of("unit_test_cap"),
      ComponentTypes.UNIT_TEST_EVALUATOR, Set.of("top_k", "first_k", "first_pass", "remove_unit_tests_from_prompt"));

  private static final Map<String, Set<String>> IGNORED = Map.of(
      ComponentTypes.GENERATOR, Set.of("top_k"),
      ComponentTypes.CRITIC, Set.of("top_k", "ranker_batch_size"),
      ComponentTypes.RANKER, Set.of("ranker_batch_size"),
      ComponentTypes.FUSER, Set.of("top_k", "top_k_generations", "fuse_generations_count", "ranker_config",
          "ranker_batch_size", "use_critiques", "remove_unit_tests_from_prompt"),
      ComponentTypes.VERIFIER, Set.of("batch_num"),
      ComponentTypes.UNIT_TEST_GENERATOR, Set.of(),
      ComponentTypes.UNIT_TEST_EVALUATOR, Set.of("unit_test_cap"));

  /** Misspellings found in published configs whose meaning is clear: misspelling → the key it stands for. */
  static final Map<String, String> HONOURED_MISSPELLINGS = Map.of("length_contorl", "length_control");

  /** Every key any component type knows, for suggestions. */
  static final Set<String> ALL_KNOWN = allKnown();

  private ComponentKeys() {}

  /** True when {@code type} reads {@code key} (it is type-checked and lands in {@link ComponentSpec}). */
  static boolean used(String type, String key) {
    return COMMON_USED.contains(key) || USED.getOrDefault(type, Set.of()).contains(key);
  }

  /** True when {@code key} is accepted silently on {@code type} because Archon ignores it there too. */
  static boolean ignored(String type, String key) {
    return COMMON_IGNORED.contains(key) || IGNORED.getOrDefault(type, Set.of()).contains(key);
  }

  /** The component types on which {@code key} means something, e.g. {@code fuser} for length_control. */
  static Set<String> typesUsing(String key) {
    Set<String> types = new TreeSet<>();
    USED.forEach((type, keys) -> {
      if (keys.contains(key)) types.add(type);
    });
    return types;
  }

  private static Set<String> allKnown() {
    Set<String> all = new TreeSet<>(COMMON_USED);
    all.addAll(COMMON_IGNORED);
    USED.values().forEach(all::addAll);
    IGNORED.values().forEach(all::addAll);
    return Set.copyOf(all);
  }
}

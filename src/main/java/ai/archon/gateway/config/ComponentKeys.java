package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The keys every component has, and the checks of a component's other keys against its type's table
 * ({@link ComponentKind#usedKeys()}, {@link ComponentKind#ignoredKeys()}). A key is <em>used</em> (read and
 * type-checked) or <em>ignored</em> (accepted silently because published Archon configs carry it and Archon itself
 * does nothing with it). Any other key on one of Archon's types gets a warning: with a suggestion when it looks like a
 * typo of a known key, or "has no effect" when it belongs to another component type. A misspelling a type honours
 * ({@code length_contorl} on a fuser) is read as the key it stands for, with a warning.
 */
final class ComponentKeys {
  static final Set<String> COMMON_USED = Set.of(
      "type", "model", "model_type", "temperature", "max_tokens", "max_context_length", "samples", "no_system",
      "base_url", "fallbacks", "custom");
  static final Set<String> COMMON_IGNORED = Set.of("checkpoint");

  private ComponentKeys() {}

  /**
   * Reports the honoured misspellings in {@code obj}; returns the object the type's options are read from: {@code obj}
   * itself, or a copy in which each honoured misspelling stands under the key it means.
   */
  static ObjectNode honourMisspellings(ObjectNode obj, ComponentKind kind, String where, FileProblems problems) {
    ObjectNode effective = obj;
    for (Map.Entry<String, String> e : kind.honouredMisspellings().entrySet()) {
      String typo = e.getKey();
      String meant = e.getValue();
      if (!obj.has(typo)) continue;
      if (obj.has(meant)) {
        problems.warn(where, "unknown key \"" + typo + "\" ignored: \"" + meant + "\" is also given and wins");
        continue;
      }
      JsonNode value = obj.get(typo);
      if (!value.isBoolean()) {
        problems.warn(where, "unknown key \"" + typo + "\" (did you mean \"" + meant + "\"?) ignored: it is "
            + StrictJson.describe(value) + ", not true or false");
        continue;
      }
      problems.warn(where, "unknown key \"" + typo + "\" (did you mean \"" + meant + "\"?): honoured as " + meant
          + ": " + value.asBoolean() + ", since the author clearly meant it (Archon itself ignores the misspelling)");
      if (effective == obj) effective = obj.deepCopy();
      effective.set(meant, value);
    }
    return effective;
  }

  /** Warns about every key of {@code obj} that {@code kind} neither uses nor ignores. */
  static void warnAboutOtherKeys(ObjectNode obj, ComponentKind kind, ComponentKinds kinds, String where,
      FileProblems problems) {
    Set<String> ownKeys = new HashSet<>(COMMON_USED);
    ownKeys.addAll(COMMON_IGNORED);
    ownKeys.addAll(kind.usedKeys());
    ownKeys.addAll(kind.ignoredKeys());
    Set<String> allKnown = kinds.allKnownKeys();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (ownKeys.contains(key) || kind.honouredMisspellings().containsKey(key)) continue;
      if (allKnown.contains(key)) {
        problems.warn(where, "key \"" + key + "\" has no effect on a " + kind.type() + " (it is for "
            + String.join(", ", kinds.typesUsing(key)) + "); ignored");
      } else {
        String hint = KeySuggester.hint(key, ownKeys);
        if (hint.isEmpty()) hint = KeySuggester.hint(key, allKnown);
        problems.warn(where, "unknown key \"" + key + "\"" + hint + " ignored");
      }
    }
  }
}

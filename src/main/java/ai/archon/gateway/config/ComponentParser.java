package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one component object of an Archon config into a {@link ComponentSpec}, reporting every problem it finds (not
 * only the first) so a user can fix a file in one go. Which keys each type knows is in {@link ComponentKeys}.
 */
final class ComponentParser {
  static final String BEDROCK = "Bedrock_API";
  static final String PAIR_RM = "llm-blender/PairRM";
  private static final Set<String> URL_AS_MODEL_TYPES = Set.of("tgi", "vLLM");

  private final Set<String> knownModelTypes;
  private final Set<String> supportedTypes;
  private final RewardModels rewardModels;
  private final ExtensionTypes extensions;

  ComponentParser(Set<String> knownModelTypes, Set<String> supportedTypes, RewardModels rewardModels,
      ExtensionTypes extensions) {
    this.knownModelTypes = Set.copyOf(knownModelTypes);
    this.supportedTypes = Set.copyOf(supportedTypes);
    this.rewardModels = rewardModels;
    this.extensions = extensions;
  }

  /** The extension types this parser accepts (for the candidate-flow check of a whole config). */
  ExtensionTypes extensions() { return extensions; }

  /** The component's type when it is one of the seven Archon types or a custom extension's, else null (parse reports). */
  String knownType(JsonNode node) {
    JsonNode type = node == null ? null : node.get("type");
    if (type == null || !type.isTextual()) return null;
    boolean extension = extensions.hasComponentType(type.asText()) && node.path("custom").asBoolean(false);
    return ComponentTypes.ALL.contains(type.asText()) || extension ? type.asText() : null;
  }

  /**
   * Parses one component; {@code at} is its position, e.g. {@code layer 2, component 1}.
   *
   * @return the spec, or null when the component has an error (already reported to {@code problems})
   */
  ComponentSpec parse(JsonNode node, String at, FileProblems problems) {
    if (!node.isObject()) {
      problems.error(at, "a component must be a JSON object, got " + StrictJson.describe(node));
      return null;
    }
    ObjectNode obj = (ObjectNode) node;
    int errorsBefore = problems.errorCount();

    boolean custom = obj.path("custom").asBoolean(false);
    String type = readType(obj, at, problems, custom);
    if (type == null) return null;
    String where = at + " (" + type + ")";
    boolean extensionType = !ComponentTypes.ALL.contains(type);
    if (!extensionType && !supportedTypes.contains(type)) {
      problems.error(where, "component type " + type + " is not supported yet");
    }

    Fields f = new Fields(obj, where, problems);
    String model = f.requiredString("model");
    ModelAlias reward = rewardModel(obj, type, model, where, problems);
    String modelType = reward != null ? reward.modelType() : readModelType(f, where, problems);
    if (reward != null) model = reward.model();

    Double temperature = f.number("temperature", 0);
    Integer maxTokens = f.positiveInt("max_tokens");
    Integer maxContextLength = f.positiveInt("max_context_length");
    if (maxTokens != null && maxContextLength != null) {
      problems.warn(where, "both max_tokens and max_context_length set the output limit; using max_tokens");
    }
    Integer outputLimit = maxTokens != null ? maxTokens : maxContextLength;
    Integer samples = f.positiveInt("samples");
    boolean noSystem = f.bool("no_system");
    String baseUrl = f.url("base_url");
    java.util.List<ComponentSpec.Fallback> fallbacks = readFallbacks(obj.get("fallbacks"), where, problems);

    Integer topK = null;
    boolean useCritiques = false;
    boolean lengthControl = false;
    Integer firstK = null;
    Integer unitTestCap = null;
    boolean removeUnitTests = false;
    switch (type) {
      case ComponentTypes.RANKER:
        topK = f.positiveInt("top_k");
        if (topK == null && !f.present("top_k")) {
          problems.error(where, "a ranker needs \"top_k\" (how many candidates to keep)");
        }
        useCritiques = f.bool("use_critiques");
        break;
      case ComponentTypes.FUSER:
        lengthControl = f.bool("length_control");
        break;
      case ComponentTypes.VERIFIER:
        firstK = f.positiveInt("first_k");
        break;
      case ComponentTypes.UNIT_TEST_GENERATOR:
        unitTestCap = f.positiveInt("unit_test_cap");
        break;
      case ComponentTypes.UNIT_TEST_EVALUATOR:
        topK = f.positiveInt("top_k");
        firstK = f.positiveInt("first_k");
        // Archon's older configs say first_pass: true for "stop at the first candidate that passes every test".
        if (f.bool("first_pass") && firstK == null && !f.present("first_k")) firstK = 1;
        removeUnitTests = f.bool("remove_unit_tests_from_prompt");
        break;
      default:
        break;
    }
    lengthControl |= honourMisspellings(obj, type, where, problems);
    // An extension's component reads its own keys from raw(); only Archon's types get unknown-key warnings.
    if (!extensionType) warnAboutOtherKeys(obj, type, where, problems);
    if (modelType != null && extensions.hasModelType(modelType) && !custom) {
      problems.error(where, "model_type " + modelType + " comes from an extension: mark the component \"custom\": true");
    }

    if (baseUrl == null && model != null && modelType != null && URL_AS_MODEL_TYPES.contains(modelType)
        && (model.startsWith("http://") || model.startsWith("https://"))) {
      baseUrl = model; // Archon's tgi configs name the endpoint in "model"
    }
    if (problems.errorCount() > errorsBefore) return null;
    return new ComponentSpec(type, model, modelType, samples == null ? 1 : samples, temperature, outputLimit, topK,
        useCritiques, lengthControl, noSystem, firstK, unitTestCap, removeUnitTests, baseUrl, obj.deepCopy(), fallbacks);
  }

  /** {@code "fallbacks": [{"model": .., "model_type": ..}]}, each checked like the component's own model. */
  private java.util.List<ComponentSpec.Fallback> readFallbacks(JsonNode node, String where, FileProblems problems) {
    java.util.List<ComponentSpec.Fallback> out = new java.util.ArrayList<>();
    if (node == null || node.isNull()) return out;
    if (!node.isArray()) {
      problems.error(where, "\"fallbacks\" must be an array of {\"model\", \"model_type\"} objects, got "
          + StrictJson.describe(node));
      return out;
    }
    int i = 0;
    for (JsonNode fb : node) {
      String at = where + ", fallbacks[" + i++ + "]";
      if (!fb.isObject()) {
        problems.error(at, "a fallback must be an object with \"model\" and \"model_type\", got " + StrictJson.describe(fb));
        continue;
      }
      Fields f = new Fields((ObjectNode) fb, at, problems);
      String model = f.requiredString("model");
      String modelType = f.requiredString("model_type");
      if (modelType != null && !knownModelTypes.contains(modelType)) {
        problems.error(at, "unknown model_type \"" + modelType + "\"" + KeySuggester.hint(modelType, knownModelTypes));
        continue;
      }
      for (java.util.Iterator<String> it = fb.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals("model") && !key.equals("model_type")) problems.warn(at, "unknown key \"" + key + "\" ignored");
      }
      if (model != null && modelType != null) out.add(new ComponentSpec.Fallback(model, modelType));
    }
    return out;
  }

  private String readType(ObjectNode obj, String at, FileProblems problems, boolean custom) {
    JsonNode node = obj.get("type");
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      problems.error(at, "missing \"type\" (one of " + typeList() + ")");
      return null;
    }
    if (!node.isTextual()) {
      problems.error(at, "\"type\" must be a string, got " + StrictJson.describe(node));
      return null;
    }
    String type = node.asText();
    if (!ComponentTypes.ALL.contains(type) && extensions.hasComponentType(type)) {
      if (custom) return type;
      problems.error(at, "component type \"" + type + "\" comes from an extension: mark the component \"custom\": true");
      return null;
    }
    if (!ComponentTypes.ALL.contains(type)) {
      problems.error(at, "unknown component type \"" + type + "\"" + KeySuggester.hint(type, ComponentTypes.ALL)
          + "; Archon's types are " + typeList());
      return null;
    }
    return type;
  }

  /**
   * For a reward-model ranker (PairRM in Archon, or any ranker with an empty model_type; it scores without a prompt):
   * the rerank provider and model that run it, or, when none is configured, the error reported and the config's own
   * values. Null for every other component.
   */
  private ModelAlias rewardModel(ObjectNode obj, String type, String model, String where, FileProblems problems) {
    JsonNode node = obj.get("model_type");
    boolean empty = node != null && node.isTextual() && node.asText().isEmpty();
    if (!ComponentTypes.RANKER.equals(type) || model == null || !(PAIR_RM.equals(model) || empty)) return null;
    String given = node != null && node.isTextual() ? node.asText() : null;
    StringBuilder why = new StringBuilder();
    var resolved = rewardModels.resolve(model, given, why);
    if (resolved.isPresent()) return resolved.get();
    problems.error(where, "reward-model ranker " + model + " " + why);
    return new ModelAlias(given, model);
  }

  private String readModelType(Fields f, String where, FileProblems problems) {
    String modelType = f.requiredString("model_type");
    if (modelType == null) return null;
    if (!knownModelTypes.contains(modelType)) {
      if (BEDROCK.equals(modelType)) {
        problems.error(where, "model_type " + BEDROCK + " is not supported yet");
      } else {
        problems.error(where, "unknown model_type \"" + modelType + "\""
            + KeySuggester.hint(modelType, knownModelTypes) + "; known model types are "
            + String.join(", ", new TreeSet<>(knownModelTypes))
            + " (others can be added under \"providers\" in the settings file)");
      }
    }
    return modelType;
  }

  /** Reports honoured misspellings; returns true when one of them switches length_control on. */
  private static boolean honourMisspellings(ObjectNode obj, String type, String where, FileProblems problems) {
    boolean lengthControl = false;
    for (Map.Entry<String, String> e : ComponentKeys.HONOURED_MISSPELLINGS.entrySet()) {
      String typo = e.getKey();
      String meant = e.getValue();
      if (!obj.has(typo) || !ComponentKeys.used(type, meant)) continue;
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
      lengthControl = value.asBoolean();
    }
    return lengthControl;
  }

  private static void warnAboutOtherKeys(ObjectNode obj, String type, String where, FileProblems problems) {
    Set<String> ownKeys = new HashSet<>(ComponentKeys.COMMON_USED);
    ownKeys.addAll(ComponentKeys.COMMON_IGNORED);
    for (String k : ComponentKeys.ALL_KNOWN) {
      if (ComponentKeys.used(type, k) || ComponentKeys.ignored(type, k)) ownKeys.add(k);
    }
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (ownKeys.contains(key)) continue;
      String meant = ComponentKeys.HONOURED_MISSPELLINGS.get(key);
      if (meant != null && ComponentKeys.used(type, meant)) continue; // reported by honourMisspellings
      if (ComponentKeys.ALL_KNOWN.contains(key)) {
        problems.warn(where, "key \"" + key + "\" has no effect on a " + type + " (it is for "
            + String.join(", ", ComponentKeys.typesUsing(key)) + "); ignored");
      } else {
        String hint = KeySuggester.hint(key, ownKeys);
        if (hint.isEmpty()) hint = KeySuggester.hint(key, ComponentKeys.ALL_KNOWN);
        problems.warn(where, "unknown key \"" + key + "\"" + hint + " ignored");
      }
    }
  }

  private static String typeList() {
    return String.join(", ", ComponentTypes.GENERATOR, ComponentTypes.CRITIC, ComponentTypes.RANKER,
        ComponentTypes.FUSER, ComponentTypes.VERIFIER, ComponentTypes.UNIT_TEST_GENERATOR,
        ComponentTypes.UNIT_TEST_EVALUATOR);
  }

  /** Typed reads of one component's fields; a wrong value is reported and read as absent. JSON null is absent. */
  private static final class Fields {
    private final ObjectNode obj;
    private final String where;
    private final FileProblems problems;

    Fields(ObjectNode obj, String where, FileProblems problems) {
      this.obj = obj;
      this.where = where;
      this.problems = problems;
    }

    boolean present(String key) {
      JsonNode n = obj.get(key);
      return n != null && !n.isNull();
    }

    String requiredString(String key) {
      JsonNode n = obj.get(key);
      if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
        problems.error(where, "missing \"" + key + "\"");
        return null;
      }
      if (!n.isTextual()) {
        problems.error(where, "\"" + key + "\" must be a string, got " + StrictJson.describe(n));
        return null;
      }
      return n.asText();
    }

    Double number(String key, double min) {
      if (!present(key)) return null;
      JsonNode n = obj.get(key);
      if (!n.isNumber()) {
        problems.error(where, "\"" + key + "\" must be a number, got " + StrictJson.describe(n));
        return null;
      }
      if (n.asDouble() < min) {
        problems.error(where, "\"" + key + "\" must be at least " + fmt(min) + ", got " + n.asText());
        return null;
      }
      return n.asDouble();
    }

    Integer positiveInt(String key) {
      if (!present(key)) return null;
      JsonNode n = obj.get(key);
      if (!n.isNumber() || !n.canConvertToExactIntegral()) {
        problems.error(where, "\"" + key + "\" must be a whole number, got " + StrictJson.describe(n));
        return null;
      }
      if (n.asDouble() < 1) {
        problems.error(where, "\"" + key + "\" must be at least 1, got " + n.asText());
        return null;
      }
      if (!n.canConvertToInt()) {
        problems.error(where, "\"" + key + "\" is too large: " + n.asText());
        return null;
      }
      return n.intValue();
    }

    boolean bool(String key) {
      if (!present(key)) return false;
      JsonNode n = obj.get(key);
      if (!n.isBoolean()) {
        problems.error(where, "\"" + key + "\" must be true or false, got " + StrictJson.describe(n));
        return false;
      }
      return n.asBoolean();
    }

    String url(String key) {
      if (!present(key)) return null;
      JsonNode n = obj.get(key);
      if (!n.isTextual() || !(n.asText().startsWith("http://") || n.asText().startsWith("https://"))) {
        problems.error(where, "\"" + key + "\" must be an http:// or https:// URL, got " + StrictJson.describe(n));
        return null;
      }
      return n.asText();
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }
}

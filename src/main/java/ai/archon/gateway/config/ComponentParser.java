package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one component object of an Archon config into a {@link ComponentSpec}, reporting every problem it finds (not
 * only the first) so a user can fix a file in one go. It reads the keys every component has; the component's type
 * ({@link ComponentKind}) reads its own options, and {@link ComponentKeys} checks the remaining keys.
 */
final class ComponentParser {
  static final String BEDROCK = "Bedrock_API";
  static final String PAIR_RM = "llm-blender/PairRM";
  private static final Set<String> URL_AS_MODEL_TYPES = Set.of("tgi", "vLLM");

  private final Set<String> knownModelTypes;
  private final ComponentKinds kinds;
  private final RewardModels rewardModels;
  private final ExtensionTypes extensions;

  ComponentParser(Set<String> knownModelTypes, ComponentKinds kinds, RewardModels rewardModels,
      ExtensionTypes extensions) {
    this.knownModelTypes = Set.copyOf(knownModelTypes);
    this.kinds = kinds;
    this.rewardModels = rewardModels;
    this.extensions = extensions;
  }

  /** The component's type when it is one of Archon's or a custom extension's, else null (parse reports why). */
  ComponentKind knownKind(JsonNode node) {
    JsonNode type = node == null ? null : node.get("type");
    if (type == null || !type.isTextual()) return null;
    ComponentKind archon = kinds.get(type.asText());
    if (archon != null) return archon;
    return node.path("custom").asBoolean(false) ? extensions.componentKind(type.asText()) : null;
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
    ComponentKind kind = readKind(obj, at, problems, custom);
    if (kind == null) return null;
    String type = kind.type();
    String where = at + " (" + type + ")";
    boolean extensionType = kinds.get(type) == null;
    if (!extensionType && !kinds.supported(type)) {
      problems.error(where, "component type " + type + " is not supported yet");
    }

    ComponentFields f = new ComponentFields(obj, where, problems);
    String model = f.requiredString("model");
    ModelAlias reward = rewardModel(obj, kind, model, where, problems);
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
    List<ComponentSpec.Fallback> fallbacks = readFallbacks(obj.get("fallbacks"), where, problems);

    ObjectNode ownKeys = ComponentKeys.honourMisspellings(obj, kind, where, problems);
    ComponentOptions options = kind.parse(new ComponentFields(ownKeys, where, problems));
    // An extension's component reads its own keys; only Archon's types get unknown-key warnings.
    if (!extensionType) ComponentKeys.warnAboutOtherKeys(obj, kind, kinds, where, problems);
    if (modelType != null && extensions.hasModelType(modelType) && !custom) {
      problems.error(where, "model_type " + modelType + " comes from an extension: mark the component \"custom\": true");
    }

    if (baseUrl == null && model != null && modelType != null && URL_AS_MODEL_TYPES.contains(modelType)
        && (model.startsWith("http://") || model.startsWith("https://"))) {
      baseUrl = model; // Archon's tgi configs name the endpoint in "model"
    }
    if (problems.errorCount() > errorsBefore) return null;
    return new ComponentSpec(type, new ComponentSpec.Target(model, modelType, baseUrl, noSystem),
        new ComponentSpec.Decoding(samples == null ? 1 : samples, temperature, outputLimit), fallbacks, options,
        obj.deepCopy());
  }

  /** {@code "fallbacks": [{"model": .., "model_type": ..}]}, each checked like the component's own model. */
  private List<ComponentSpec.Fallback> readFallbacks(JsonNode node, String where, FileProblems problems) {
    List<ComponentSpec.Fallback> out = new ArrayList<>();
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
      ComponentFields f = new ComponentFields((ObjectNode) fb, at, problems);
      String model = f.requiredString("model");
      String modelType = f.requiredString("model_type");
      if (modelType != null && !knownModelTypes.contains(modelType)) {
        problems.error(at, "unknown model_type \"" + modelType + "\"" + KeySuggester.hint(modelType, knownModelTypes));
        continue;
      }
      for (Iterator<String> it = fb.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals("model") && !key.equals("model_type")) problems.warn(at, "unknown key \"" + key + "\" ignored");
      }
      if (model != null && modelType != null) out.add(new ComponentSpec.Fallback(model, modelType));
    }
    return out;
  }

  private ComponentKind readKind(ObjectNode obj, String at, FileProblems problems, boolean custom) {
    JsonNode node = obj.get("type");
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      problems.error(at, "missing \"type\" (one of " + kinds.list() + ")");
      return null;
    }
    if (!node.isTextual()) {
      problems.error(at, "\"type\" must be a string, got " + StrictJson.describe(node));
      return null;
    }
    String type = node.asText();
    ComponentKind archon = kinds.get(type);
    if (archon != null) return archon;
    ComponentKind extension = extensions.componentKind(type);
    if (extension != null) {
      if (custom) return extension;
      problems.error(at, "component type \"" + type + "\" comes from an extension: mark the component \"custom\": true");
      return null;
    }
    problems.error(at, "unknown component type \"" + type + "\"" + KeySuggester.hint(type, kinds.names())
        + "; Archon's types are " + kinds.list());
    return null;
  }

  /**
   * For a reward-model ranker (PairRM in Archon, or any ranker with an empty model_type; it scores without a prompt):
   * the rerank provider and model that run it, or, when none is configured, the error reported and the config's own
   * values. Null for every other component.
   */
  private ModelAlias rewardModel(ObjectNode obj, ComponentKind kind, String model, String where,
      FileProblems problems) {
    JsonNode node = obj.get("model_type");
    boolean empty = node != null && node.isTextual() && node.asText().isEmpty();
    if (!kind.acceptsRewardModels() || model == null || !(PAIR_RM.equals(model) || empty)) return null;
    String given = node != null && node.isTextual() ? node.asText() : null;
    StringBuilder why = new StringBuilder();
    var resolved = rewardModels.resolve(model, given, why);
    if (resolved.isPresent()) return resolved.get();
    problems.error(where, "reward-model ranker " + model + " " + why);
    return new ModelAlias(given, model);
  }

  private String readModelType(ComponentFields f, String where, FileProblems problems) {
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
}

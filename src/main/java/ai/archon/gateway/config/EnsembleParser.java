package ai.archon.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks one Archon config file: its JSON, name, layer forms, components (via {@link ComponentParser})
 * and whether candidates can flow through the layers in order (see {@link CandidateFlow}).
 */
final class EnsembleParser {
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("name", "layers", "custom", "gateway", "cache");
  private static final Set<String> LEGACY_LAYER_KEYS = Set.of("branches", "models");

  private final ComponentParser components;

  EnsembleParser(ComponentParser components) {
    this.components = components;
  }

  /** What one file gave: the ensemble (null when it has errors), the model name it claims (null if unknown). */
  record Result(EnsembleSpec ensemble, String name, List<ConfigProblem> errors, List<ConfigProblem> warnings) {}

  Result parse(Path file, byte[] bytes, String sha256) {
    FileProblems problems = new FileProblems(file);
    JsonNode root;
    try {
      root = StrictJson.parse(bytes);
    } catch (JsonProcessingException e) {
      problems.error(StrictJson.where(e), StrictJson.reason(e));
      return result(null, null, problems);
    }
    if (root == null) {
      problems.error("", "the file is empty; expected a JSON object with \"name\" and \"layers\"");
      return result(null, null, problems);
    }
    if (!root.isObject()) {
      problems.error("top level",
          "expected a JSON object with \"name\" and \"layers\", got " + StrictJson.describe(root));
      return result(null, null, problems);
    }
    String name = readName(root, file, problems);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!TOP_LEVEL_KEYS.contains(key)) {
        problems.warn("top level", "unknown key \"" + key + "\"" + KeySuggester.hint(key, TOP_LEVEL_KEYS) + " ignored");
      }
    }
    List<List<ComponentSpec>> layers = readLayers(root.get("layers"), problems);
    Integer minCandidates = readGateway(root.get("gateway"), problems);
    CacheSettings cache = readCache(root.get("cache"), file, problems);
    EnsembleSpec spec = problems.errorCount() == 0 && name != null && layers != null
        ? new EnsembleSpec(name, file, layers, sha256, minCandidates, cache)
        : null;
    return result(spec, name, problems);
  }

  /** The config's {@code "gateway": {"min_candidates": n}}, or null. */
  private static Integer readGateway(JsonNode gateway, FileProblems problems) {
    if (gateway == null || gateway.isNull()) return null;
    if (!gateway.isObject()) {
      problems.error("gateway", "\"gateway\" must be an object, got " + StrictJson.describe(gateway));
      return null;
    }
    for (Iterator<String> it = gateway.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("min_candidates")) problems.warn("gateway", "unknown key \"" + key + "\" ignored");
    }
    JsonNode n = gateway.get("min_candidates");
    if (n == null || n.isNull()) return null;
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
      problems.error("gateway.min_candidates", "must be a whole number, at least 1, got " + StrictJson.describe(n));
      return null;
    }
    return n.asInt();
  }

  /** The config's own cache settings on top of the defaults (the gateway's settings apply where it gives none). */
  private static CacheSettings readCache(JsonNode node, Path file, FileProblems problems) {
    if (node == null || node.isNull()) return null;
    try {
      return ScaleSettingsParser.cache(node, file, CacheSettings.INHERIT, problems::warn);
    } catch (ConfigException e) {
      problems.error(e.field(), e.reason());
      return null;
    }
  }

  private static Result result(EnsembleSpec spec, String name, FileProblems problems) {
    return new Result(spec, name, problems.errors(), problems.warnings());
  }

  private static String readName(JsonNode root, Path file, FileProblems problems) {
    JsonNode node = root.get("name");
    if (node == null || node.isNull()) {
      String fileName = file.getFileName().toString();
      return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.error("name", "\"name\" must be a non-empty string, got " + StrictJson.describe(node));
      return null;
    }
    return node.asText();
  }

  /** The parsed layers, or null when a layer could not be parsed (errors already reported). */
  private List<List<ComponentSpec>> readLayers(JsonNode layersNode, FileProblems problems) {
    if (layersNode == null || layersNode.isNull()) {
      problems.error("layers", "missing \"layers\" (an array of layers, each an array of components)");
      return null;
    }
    if (!layersNode.isArray()) {
      problems.error("layers", "\"layers\" must be an array of layers, got " + StrictJson.describe(layersNode));
      return null;
    }
    if (layersNode.isEmpty()) {
      problems.error("layers", "\"layers\" is empty; an ensemble needs at least one layer");
      return null;
    }
    int errorsBefore = problems.errorCount();
    List<List<ComponentSpec>> layers = new ArrayList<>();
    List<List<ComponentKind>> layerKinds = new ArrayList<>();
    boolean shapeKnown = true; // every layer readable and every component's type known
    int index = 0;
    for (JsonNode layerNode : layersNode) {
      index++;
      String where = "layer " + index;
      List<JsonNode> componentNodes = componentsOf(layerNode, where, problems);
      List<ComponentSpec> layer = new ArrayList<>();
      List<ComponentKind> kinds = new ArrayList<>();
      if (componentNodes == null) {
        shapeKnown = false;
      } else {
        int position = 0;
        for (JsonNode componentNode : componentNodes) {
          position++;
          ComponentSpec spec = components.parse(componentNode, where + ", component " + position, problems);
          if (spec != null) layer.add(spec);
          ComponentKind kind = components.knownKind(componentNode);
          if (kind == null) shapeKnown = false;
          kinds.add(kind);
        }
      }
      layers.add(layer);
      layerKinds.add(kinds);
    }
    // The flow check needs every layer's types; with one unreadable it would only add follow-on errors.
    if (shapeKnown) CandidateFlow.check(layerKinds, problems);
    return problems.errorCount() > errorsBefore ? null : layers;
  }

  /** The component nodes of one layer in any of the forms published configs use, or null after an error. */
  private static List<JsonNode> componentsOf(JsonNode layer, String where, FileProblems problems) {
    List<JsonNode> nodes = new ArrayList<>();
    if (layer.isArray()) {
      layer.forEach(nodes::add);
    } else if (layer.isObject() && layer.has("models")) {
      // The legacy form {"branches": n, "models": [...]}: Archon still reads "models" and ignores "branches".
      JsonNode models = layer.get("models");
      if (!models.isArray()) {
        problems.error(where, "\"models\" must be an array of components, got " + StrictJson.describe(models));
        return null;
      }
      models.forEach(nodes::add);
      JsonNode branches = layer.get("branches");
      if (branches != null && !(branches.isIntegralNumber() && branches.asLong() == 1)) {
        problems.warn(where, "legacy \"branches\": " + branches + " is ignored: each model runs once, as in Archon"
            + " (use \"samples\" for more outputs)");
      }
      for (Iterator<String> it = layer.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!LEGACY_LAYER_KEYS.contains(key)) {
          problems.warn(where, "unknown key \"" + key + "\"" + KeySuggester.hint(key, LEGACY_LAYER_KEYS)
              + " ignored in a {\"branches\", \"models\"} layer");
        }
      }
    } else if (layer.isObject() && layer.has("type")) {
      problems.warn(where, "a bare component object used as a layer; read as a one-component layer"
          + " (write the layer as [ {...} ])");
      nodes.add(layer);
    } else if (layer.isObject()) {
      problems.error(where, "a layer must be an array of components; this object has neither \"models\" nor \"type\"");
      return null;
    } else {
      problems.error(where, "a layer must be an array of components, got " + StrictJson.describe(layer));
      return null;
    }
    if (nodes.isEmpty()) {
      problems.error(where, "the layer is empty; a layer needs at least one component");
      return null;
    }
    return nodes;
  }
}

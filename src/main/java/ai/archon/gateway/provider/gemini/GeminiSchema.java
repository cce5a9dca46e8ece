package ai.archon.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A client's JSON Schema as Gemini's {@code Schema} (a subset of OpenAPI 3.0), for function {@code parameters} and
 * {@code responseSchema}. Gemini refuses keywords it does not know, so the schema is rebuilt rather than copied:
 * <ul>
 * <li>{@code type} upper-cased ({@code STRING}, {@code OBJECT}...); a type list with {@code "null"} becomes the type
 *     plus {@code nullable: true}, a list of several types an {@code anyOf}; a missing type is inferred from
 *     {@code properties} (OBJECT), {@code items} (ARRAY) or {@code enum} (STRING).</li>
 * <li>kept as they are: {@code description}, {@code title}, {@code nullable}, {@code required} (only names that are
 *     properties), {@code minItems}, {@code maxItems}, {@code minimum}, {@code maximum}, {@code minLength},
 *     {@code maxLength}, {@code pattern}, {@code minProperties}, {@code maxProperties}, {@code propertyOrdering},
 *     {@code default}, {@code example}; {@code properties}, {@code items} and {@code anyOf} converted in turn.</li>
 * <li>{@code enum} kept when all values are strings (Gemini's enum is a string list), {@code const} as a one-value
 *     enum; {@code format} kept only for the values Gemini acts on ({@code enum}, {@code date-time}, and
 *     {@code float}/{@code double}/{@code int32}/{@code int64} on numbers).</li>
 * <li>{@code oneOf} becomes {@code anyOf} (Gemini has no exclusive union); an {@code allOf} of one schema is that
 *     schema; local {@code $ref}s ({@code #/$defs/..}, {@code #/definitions/..}) are inlined, up to
 *     {@value #MAX_DEPTH} levels (a recursive schema is cut there to a bare object).</li>
 * <li>everything else ({@code $schema}, {@code additionalProperties}, {@code patternProperties}, {@code not},
 *     {@code if}/{@code then}, exclusive bounds, tuple {@code items}...) is left out.</li>
 * </ul>
 */
final class GeminiSchema {
  static final int MAX_DEPTH = 16;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> COPIED = Set.of("description", "title", "nullable", "minItems", "maxItems",
      "minimum", "maximum", "minLength", "maxLength", "pattern", "minProperties", "maxProperties", "propertyOrdering",
      "default", "example");
  private static final Set<String> FORMATS = Set.of("enum", "date-time", "float", "double", "int32", "int64");

  private GeminiSchema() { }

  static ObjectNode convert(JsonNode schema) {
    return convert(schema, schema, 0);
  }

  private static ObjectNode convert(JsonNode s, JsonNode root, int depth) {
    ObjectNode out = NODES.objectNode();
    if (s == null || !s.isObject() || depth > MAX_DEPTH) return out.put("type", "OBJECT");
    if (s.has("$ref")) return convert(resolve(s.get("$ref").asText(), root), root, depth + 1);
    if (s.path("allOf").isArray() && s.get("allOf").size() == 1 && !s.has("type")) {
      return convert(s.get("allOf").get(0), root, depth + 1);
    }
    type(s, out);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (COPIED.contains(f.getKey())) out.set(f.getKey(), f.getValue());
    }
    if (s.path("format").isTextual() && FORMATS.contains(s.get("format").asText())) out.set("format", s.get("format"));
    enumeration(s, out);
    if (s.path("properties").isObject()) {
      ObjectNode props = out.putObject("properties");
      s.get("properties").fields().forEachRemaining(p -> props.set(p.getKey(), convert(p.getValue(), root, depth + 1)));
      if (s.path("required").isArray()) {
        ArrayNode required = NODES.arrayNode();
        s.get("required").forEach(r -> { if (props.has(r.asText())) required.add(r.asText()); });
        if (!required.isEmpty()) out.set("required", required);
      }
    }
    if (s.path("items").isObject()) out.set("items", convert(s.get("items"), root, depth + 1));
    JsonNode union = s.path("anyOf").isArray() ? s.get("anyOf") : s.path("oneOf").isArray() ? s.get("oneOf") : null;
    if (union != null) {
      ArrayNode any = out.putArray("anyOf");
      union.forEach(u -> any.add(convert(u, root, depth + 1)));
    }
    return out;
  }

  private static void type(JsonNode s, ObjectNode out) {
    JsonNode t = s.get("type");
    if (t != null && t.isTextual()) {
      if (!"null".equals(t.asText())) out.put("type", t.asText().toUpperCase(Locale.ROOT));
      else out.put("nullable", true);
    } else if (t != null && t.isArray()) {
      ArrayNode kinds = NODES.arrayNode();
      for (JsonNode k : t) {
        if ("null".equals(k.asText())) out.put("nullable", true);
        else kinds.add(k.asText().toUpperCase(Locale.ROOT));
      }
      if (kinds.size() == 1) out.put("type", kinds.get(0).asText());
      else if (kinds.size() > 1) kinds.forEach(k -> out.withArray("anyOf").addObject().put("type", k.asText()));
    } else if (s.has("properties")) {
      out.put("type", "OBJECT");
    } else if (s.has("items")) {
      out.put("type", "ARRAY");
    } else if (s.has("enum") || s.has("const")) {
      out.put("type", "STRING");
    }
  }

  private static void enumeration(JsonNode s, ObjectNode out) {
    JsonNode values = s.path("enum").isArray() ? s.get("enum")
        : s.has("const") ? NODES.arrayNode().add(s.get("const")) : null;
    if (values == null) return;
    for (JsonNode v : values) if (!v.isTextual()) return; // Gemini's enum lists strings only
    out.set("enum", values);
  }

  /** A local reference ({@code #/$defs/Name}, {@code #/definitions/Name}, any JSON pointer into the root). */
  private static JsonNode resolve(String ref, JsonNode root) {
    if (!ref.startsWith("#")) return null;
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }
}

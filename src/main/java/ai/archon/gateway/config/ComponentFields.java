package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Typed reads of one component object's keys for the loader and for each type's options parser: a wrong value is
 * reported as an error naming the component and read as absent; JSON null is absent.
 */
public final class ComponentFields {
  private final ObjectNode obj;
  private final Consumer<String> errors;

  ComponentFields(ObjectNode obj, String where, FileProblems problems) {
    this.obj = obj;
    this.errors = reason -> problems.error(where, reason);
  }

  /** True when the key is there and not JSON null. */
  public boolean present(String key) {
    JsonNode n = obj.get(key);
    return n != null && !n.isNull();
  }

  /** Reports an error about this component (it will not load). */
  public void error(String reason) {
    errors.accept(reason);
  }

  /** A string, or null (reported) when missing, blank or not a string. */
  public String requiredString(String key) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      error("missing \"" + key + "\"");
      return null;
    }
    return string(key);
  }

  /** A string, or null when absent (reported when not a string). */
  public String string(String key) {
    JsonNode n = typed(key, JsonNode::isTextual, "a string");
    return n == null ? null : n.asText();
  }

  /** A number of at least {@code min}, or null. */
  public Double number(String key, double min) {
    JsonNode n = typed(key, JsonNode::isNumber, "a number");
    if (n == null) return null;
    if (n.asDouble() < min) {
      error("\"" + key + "\" must be at least " + fmt(min) + ", got " + n.asText());
      return null;
    }
    return n.asDouble();
  }

  /** A whole number of at least 1, or null. */
  public Integer positiveInt(String key) {
    JsonNode n = typed(key, v -> v.isNumber() && v.canConvertToExactIntegral(), "a whole number");
    if (n == null) return null;
    if (n.asDouble() < 1) {
      error("\"" + key + "\" must be at least 1, got " + n.asText());
      return null;
    }
    if (!n.canConvertToInt()) {
      error("\"" + key + "\" is too large: " + n.asText());
      return null;
    }
    return n.intValue();
  }

  /** True or false; absent is false. */
  public boolean bool(String key) {
    JsonNode n = typed(key, JsonNode::isBoolean, "true or false");
    return n != null && n.asBoolean();
  }

  /** An http:// or https:// URL, or null. */
  public String url(String key) {
    JsonNode n = typed(key, v -> v.isTextual() && (v.asText().startsWith("http://") || v.asText().startsWith("https://")),
        "an http:// or https:// URL");
    return n == null ? null : n.asText();
  }

  /** The value when present and {@code ok}; else null, and reported as not {@code what} when present. */
  private JsonNode typed(String key, Predicate<JsonNode> ok, String what) {
    if (!present(key)) return null;
    JsonNode n = obj.get(key);
    if (ok.test(n)) return n;
    error("\"" + key + "\" must be " + what + ", got " + StrictJson.describe(n));
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

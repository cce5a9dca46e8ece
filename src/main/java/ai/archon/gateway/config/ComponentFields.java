package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed reads of one component object's keys for the loader and for each type's options parser: a wrong value is
 * reported as an error naming the component and read as absent; JSON null is absent.
 */
public final class ComponentFields {
  private final ObjectNode obj;
  private final String where;
  private final FileProblems problems;

  ComponentFields(ObjectNode obj, String where, FileProblems problems) {
    this.obj = obj;
    this.where = where;
    this.problems = problems;
  }

  /** True when the key is there and not JSON null. */
  public boolean present(String key) {
    JsonNode n = obj.get(key);
    return n != null && !n.isNull();
  }

  /** Reports an error about this component (it will not load). */
  public void error(String reason) {
    problems.error(where, reason);
  }

  /** A string, or null (reported) when missing, blank or not a string. */
  public String requiredString(String key) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      error("missing \"" + key + "\"");
      return null;
    }
    if (!n.isTextual()) {
      error("\"" + key + "\" must be a string, got " + StrictJson.describe(n));
      return null;
    }
    return n.asText();
  }

  /** A string, or null when absent (reported when not a string). */
  public String string(String key) {
    if (!present(key)) return null;
    JsonNode n = obj.get(key);
    if (!n.isTextual()) {
      error("\"" + key + "\" must be a string, got " + StrictJson.describe(n));
      return null;
    }
    return n.asText();
  }

  /** A number of at least {@code min}, or null. */
  public Double number(String key, double min) {
    if (!present(key)) return null;
    JsonNode n = obj.get(key);
    if (!n.isNumber()) {
      error("\"" + key + "\" must be a number, got " + StrictJson.describe(n));
      return null;
    }
    if (n.asDouble() < min) {
      error("\"" + key + "\" must be at least " + fmt(min) + ", got " + n.asText());
      return null;
    }
    return n.asDouble();
  }

  /** A whole number of at least 1, or null. */
  public Integer positiveInt(String key) {
    if (!present(key)) return null;
    JsonNode n = obj.get(key);
    if (!n.isNumber() || !n.canConvertToExactIntegral()) {
      error("\"" + key + "\" must be a whole number, got " + StrictJson.describe(n));
      return null;
    }
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
    if (!present(key)) return false;
    JsonNode n = obj.get(key);
    if (!n.isBoolean()) {
      error("\"" + key + "\" must be true or false, got " + StrictJson.describe(n));
      return false;
    }
    return n.asBoolean();
  }

  /** An http:// or https:// URL, or null. */
  public String url(String key) {
    if (!present(key)) return null;
    JsonNode n = obj.get(key);
    if (!n.isTextual() || !(n.asText().startsWith("http://") || n.asText().startsWith("https://"))) {
      error("\"" + key + "\" must be an http:// or https:// URL, got " + StrictJson.describe(n));
      return null;
    }
    return n.asText();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Test JSON helpers. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() { }

  public static JsonNode parse(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code s} as a JSON string literal, quotes and escapes included. */
  public static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }

  /** A component JSON object for test configs. */
  public static String component(String type, String model, String modelType, String extra) {
    return "{\"type\":\"" + type + "\",\"model\":\"" + model + "\",\"model_type\":\"" + modelType + "\""
        + (extra == null || extra.isEmpty() ? "" : "," + extra) + "}";
  }

  /** A config with the given layers (each a JSON array text). */
  public static String config(String name, String... layers) {
    return "{\"name\":\"" + name + "\",\"layers\":[" + String.join(",", layers) + "]}";
  }

  public static String layer(String... components) {
    return "[" + String.join(",", components) + "]";
  }
}

package ai.archon.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer's required format: OpenAI's {@code response_format} (Chat Completions) or {@code text.format}
 * (Responses). For {@code JSON_SCHEMA}, {@code name}, {@code schema} and {@code strict} are the client's.
 */
public record ResponseFormat(Type type, String name, JsonNode schema, boolean strict) {
  public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, false);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, false);

  public boolean wantsJson() { return type != Type.TEXT; }
}

package ai.archon.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads config and settings files as plain JSON, stricter than Jackson's defaults (a repeated key or text after the
 * value is an error, since either hides what the author meant), and describes values and parse errors for messages.
 */
final class StrictJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern SOURCE_REF = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private StrictJson() {}

  /** The parsed tree, or null for a file with no JSON value at all (empty or only whitespace). */
  static JsonNode parse(byte[] bytes) throws JsonProcessingException {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // readTree(byte[]) does no I/O; anything else is a parse problem without a location.
      throw new IllegalStateException(e);
    }
  }

  /** {@code line 26, column 40} for a parse error, or empty when Jackson knows no location. */
  static String where(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 1) return "";
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** The parse error without Jackson's location and source excerpt, which {@link #where} already gives. */
  static String reason(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) return "invalid JSON: " + e.getClass().getSimpleName();
    // Some messages point back at an opening bracket as "[Source: REDACTED (...); line: 2, column: 12]".
    msg = SOURCE_REF.matcher(msg.strip()).replaceAll("line $1, column $2");
    return "invalid JSON: " + msg;
  }

  /** What a value is, for "must be ..., got ..." messages: {@code a string "hot"}, {@code an array}, {@code null}. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "nothing";
    if (node.isNull()) return "null";
    if (node.isTextual()) return "a string " + node.toString();
    if (node.isBoolean()) return "a boolean " + node.asText();
    if (node.isNumber()) return "the number " + node.asText();
    if (node.isArray()) return "an array";
    if (node.isObject()) return "an object";
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}

package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks an OpenAI embeddings body ({@code model}, {@code input}, {@code encoding_format},
 * {@code dimensions}), answering problems as 400s naming the field. {@code input} is a string, an array of strings, an
 * array of token ids or an array of such arrays, as OpenAI takes it.
 */
final class EmbeddingsRequestParser {
  /** OpenAI's own bound on inputs per request. */
  static final int MAX_INPUTS = 2048;

  private EmbeddingsRequestParser() { }

  /**
   * A checked body: {@code texts} null when {@code input} holds token ids, {@code batch} true when it was an array
   * (of texts or of token arrays).
   */
  record Parsed(ObjectNode body, String model, List<String> texts, boolean batch, Integer dimensions, boolean base64) { }

  static Parsed parse(JsonNode root) {
    if (root == null || !root.isObject()) throw ApiException.invalid(null, "request body must be a JSON object");
    ObjectNode o = (ObjectNode) root;
    JsonNode m = o.get("model");
    if (m == null || !m.isTextual() || m.asText().isBlank()) throw ApiException.invalid("model", "'model' is required");
    ModelNames.check(m.asText());
    JsonNode input = o.get("input");
    List<String> texts;
    boolean batch = input != null && input.isArray() && !isTokens(input);
    if (input != null && input.isTextual()) {
      texts = List.of(text(input));
    } else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= MAX_INPUTS) {
      texts = batch ? texts(input) : null;
    } else {
      throw ApiException.invalid("input", "'input' must be a non-empty string or an array of 1 to " + MAX_INPUTS
          + " strings or token arrays");
    }
    return new Parsed(o, m.asText(), texts, batch, dimensions(o.get("dimensions")), base64(o.get("encoding_format")));
  }

  /** An array of strings; or, when every entry is a token array, null (token input). */
  private static List<String> texts(JsonNode array) {
    if (array.get(0).isArray()) {
      for (JsonNode e : array) {
        if (!e.isArray() || !isTokens(e)) throw mixed();
      }
      return null;
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      if (!e.isTextual()) throw mixed();
      out.add(text(e));
    }
    return out;
  }

  /** A non-empty array of whole numbers (one input's token ids). */
  private static boolean isTokens(JsonNode array) {
    if (array.isEmpty()) return false;
    for (JsonNode t : array) {
      if (!t.isIntegralNumber()) return false;
    }
    return true;
  }

  private static String text(JsonNode n) {
    if (n.asText().isEmpty()) throw ApiException.invalid("input", "'input' must not contain empty strings");
    return n.asText();
  }

  private static ApiException mixed() {
    return ApiException.invalid("input", "'input' must be all strings or all token arrays (non-empty arrays of"
        + " integers)");
  }

  private static Integer dimensions(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
      throw ApiException.invalid("dimensions", "'dimensions' must be a positive whole number");
    }
    return n.asInt();
  }

  private static boolean base64(JsonNode n) {
    if (n == null || n.isNull() || "float".equals(n.asText(null))) return false;
    if ("base64".equals(n.asText(null))) return true;
    throw ApiException.invalid("encoding_format", "'encoding_format' must be \"float\" or \"base64\"");
  }
}

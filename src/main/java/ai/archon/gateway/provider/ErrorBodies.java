package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

/**
 * What the gateway takes from an upstream error body: only its human message, in one line, from the shapes the
 * vendors use. Anything else (HTML, plain text) gives nothing: raw bodies are never echoed.
 */
public final class ErrorBodies {
  /** Longest error detail kept from an upstream error body. */
  public static final int MAX_DETAIL = 200;
  /** How much of an error body is kept to look for its message. */
  static final int MAX_ERROR_BYTES = 64 * 1024;

  private ErrorBodies() { }

  /**
   * The human message of a JSON error body, trimmed to {@link #MAX_DETAIL} characters on one line, or null. Knows
   * {@code {"error":{"message":..}}} (OpenAI, Anthropic, Gemini, Groq, Together), {@code {"error":".."}} (TGI),
   * {@code {"message":..}} (vLLM) and {@code {"detail":".."}} (FastAPI servers); a top-level array is looked into
   * at its first element. Anything else (HTML, plain text) gives null: raw bodies are never echoed.
   */
  public static String errorDetail(Buffer body) {
    if (body == null || body.length() == 0) return null;
    JsonNode root;
    try {
      root = JsonIo.MAPPER.readTree(body.getBytes());
    } catch (Exception e) {
      return null;
    }
    return errorDetail(root);
  }

  /** As {@link #errorDetail(Buffer)}, for an already parsed body or stream event. */
  public static String errorDetail(JsonNode root) {
    if (root == null) return null;
    if (root.isArray() && root.size() > 0) root = root.get(0);
    if (!root.isObject()) return null;
    JsonNode error = root.get("error");
    String text = null;
    if (error != null && error.isObject() && error.path("message").isTextual()) {
      text = error.get("message").asText();
    } else if (error != null && error.isTextual()) {
      text = error.asText();
    } else if (root.path("message").isTextual()) {
      text = root.get("message").asText();
    } else if (root.path("detail").isTextual()) {
      text = root.get("detail").asText();
    }
    return text == null || text.isBlank() ? null : oneLine(text, MAX_DETAIL);
  }

  /** Keeps the first {@link #MAX_ERROR_BYTES} of an error body in {@code head}, enough to find its message. */
  static HttpCalls.Chunks head(Buffer head) {
    return chunk -> {
      int room = MAX_ERROR_BYTES - head.length();
      if (room > 0) head.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
      return false;
    };
  }

  /** Collapses whitespace runs to one space and cuts to {@code max} characters (with an ellipsis). */
  static String oneLine(String text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() <= max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    if (sb.length() > max) {
      sb.setLength(max - 1);
      sb.append('…');
    }
    return sb.toString();
  }
}

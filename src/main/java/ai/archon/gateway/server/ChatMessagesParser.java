package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Chat Completions {@code messages} array into {@link Message}s: text, {@code image_url} and
 * {@code input_audio} parts in order, an assistant's {@code tool_calls}, a tool message's {@code tool_call_id} and
 * any {@code name}. Part types it does not model ({@code file}, future ones) are skipped here, not refused: a
 * pass-through request forwards the client's own body, and an ensemble refuses them in {@link EnsembleFields}.
 */
final class ChatMessagesParser {
  /** The content part types read into the model. */
  static final Set<String> MODELLED = Set.of("text", "image_url", "input_audio");
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

  /**
   * The params of the first messages, named once: each request's messages are parsed on the hot path, and their
   * names are needed only in an error.
   */
  private static final String[] PARAMS = new String[64];

  static {
    for (int i = 0; i < PARAMS.length; i++) PARAMS[i] = "messages[" + i + "]";
  }

  private ChatMessagesParser() { }

  static List<Message> messages(JsonNode arr) {
    if (arr == null || arr.isNull()) throw ApiException.invalid("messages", "'messages' is required");
    if (!arr.isArray() || arr.isEmpty()) throw ApiException.invalid("messages", "'messages' must be a non-empty array");
    List<Message> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      out.add(message(arr.get(i), i < PARAMS.length ? PARAMS[i] : "messages[" + i + "]"));
    }
    return out;
  }

  /**
   * The param ({@code messages[i].content[j].type}) of the first content part whose type is not in {@code allowed},
   * or null. A translated pass-through cannot carry a part this parser does not model ({@link #MODELLED}); an
   * ensemble takes fewer kinds.
   */
  static String firstPartNotIn(JsonNode messages, Set<String> allowed) {
    for (int i = 0; messages != null && i < messages.size(); i++) {
      JsonNode content = messages.get(i).path("content");
      for (int j = 0; content.isArray() && j < content.size(); j++) {
        if (!allowed.contains(content.get(j).path("type").asText(""))) return "messages[" + i + "].content[" + j + "].type";
      }
    }
    return null;
  }

  private static Message message(JsonNode m, String param) {
    if (!m.isObject()) throw ApiException.invalid(param, param + " must be an object");
    String role = m.path("role").asText("");
    if (!ROLES.contains(role)) throw ApiException.invalid(param + ".role", param + ".role must be one of " + ROLES);
    List<ContentPart> parts = new ArrayList<>();
    String text = content(m.get("content"), param, parts);
    List<ToolCall> calls = "assistant".equals(role) ? toolCalls(m.get("tool_calls"), param + ".tool_calls") : List.of();
    String toolCallId = optionalText(m, "tool_call_id", param);
    if ("tool".equals(role) && (toolCallId == null || toolCallId.isBlank())) {
      throw ApiException.invalid(param + ".tool_call_id", param + ".tool_call_id is required on a tool message");
    }
    String name = optionalText(m, "name", param);
    // Parts are kept only when some part is not text: plain text travels in content alone.
    boolean media = false;
    for (ContentPart p : parts) media |= !(p instanceof ContentPart.Text);
    return new Message(role, text, media ? parts : List.of(), calls, toolCallId, name);
  }

  /**
   * Plain text, or a content array: text parts joined into the returned text, every modelled part into {@code
   * parts}. {@code message} is the message's param.
   */
  private static String content(JsonNode c, String message, List<ContentPart> parts) {
    if (c == null || c.isNull()) return "";
    if (c.isTextual()) return c.asText();
    String param = message + ".content";
    if (!c.isArray()) throw ApiException.invalid(param, param + " must be a string or an array of content parts");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      String at = param + "[" + i + "]";
      if (!part.isObject()) throw ApiException.invalid(at, at + " must be an object");
      String type = part.path("type").asText("");
      switch (type) {
        case "text":
          if (!part.path("text").isTextual()) throw ApiException.invalid(at + ".text", at + ".text must be a string");
          sb.append(part.get("text").asText());
          parts.add(new ContentPart.Text(part.get("text").asText()));
          break;
        case "image_url":
          parts.add(image(part.get("image_url"), at + ".image_url"));
          break;
        case "input_audio":
          JsonNode a = part.path("input_audio");
          if (!a.path("data").isTextual() || !a.path("format").isTextual()) {
            throw ApiException.invalid(at + ".input_audio", at + ".input_audio needs 'data' and 'format' strings");
          }
          parts.add(new ContentPart.Audio(a.get("data").asText(), a.get("format").asText()));
          break;
        default:
          if (type.isEmpty()) throw ApiException.invalid(at + ".type", at + ".type is required");
          // file, refusal and later part types: not modelled (see the class comment).
      }
    }
    return sb.toString();
  }

  private static ContentPart.Image image(JsonNode img, String param) {
    // OpenAI takes {"url": ...}; a bare string is an older client's shorthand.
    if (img != null && img.isTextual()) return new ContentPart.Image(img.asText(), null);
    if (img == null || !img.path("url").isTextual() || img.get("url").asText().isBlank()) {
      throw ApiException.invalid(param + ".url", param + ".url is required");
    }
    JsonNode detail = img.get("detail");
    return new ContentPart.Image(img.get("url").asText(), detail != null && detail.isTextual() ? detail.asText() : null);
  }

  /** An assistant message's {@code tool_calls}: function calls with their ids and JSON-text arguments. */
  static List<ToolCall> toolCalls(JsonNode arr, String param) {
    if (arr == null || arr.isNull()) return List.of();
    if (!arr.isArray()) throw ApiException.invalid(param, param + " must be an array");
    List<ToolCall> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode c = arr.get(i);
      String at = param + "[" + i + "]";
      JsonNode fn = c.path("function");
      if (!c.path("id").isTextual() || !fn.path("name").isTextual()) {
        throw ApiException.invalid(at, at + " needs an 'id' and a 'function' with a 'name'");
      }
      JsonNode args = fn.get("arguments");
      String arguments = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
      out.add(new ToolCall(c.get("id").asText(), fn.get("name").asText(), arguments));
    }
    return out;
  }

  private static String optionalText(JsonNode m, String field, String param) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiException.invalid(param + "." + field, param + "." + field + " must be a string");
    return v.asText();
  }
}

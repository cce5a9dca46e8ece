package ai.archon.gateway.provider.gemini;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.provider.TextPart;
import ai.archon.gateway.provider.ToolArgs;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dialogue as Gemini {@code contents}: assistant → {@code model}, any other role → {@code user}, consecutive
 * messages of one role as one content with several parts. Parts:
 * <ul>
 * <li>text → {@code {"text"}} (a plain message keeps its text even when empty, as before tools existed);</li>
 * <li>an image data URL → {@code inlineData} (mimeType + base64 data); an {@code https:} image →
 *     {@code fileData} ({@code fileUri}, with a mimeType when the address's extension names one): the gateway never
 *     downloads it, Gemini fetches it;</li>
 * <li>audio → {@code inlineData} with mimeType {@code audio/<format>} ({@code audio/wav}, {@code audio/mp3});</li>
 * <li>an assistant's tool call → {@code functionCall} ({@code name}, {@code args} object). Call ids are not sent:
 *     older Gemini versions have none and pair calls and responses by name and order. The first call of a turn
 *     carries {@value #SKIP_SIGNATURE} as its {@code thoughtSignature}: the gateway does not keep Gemini's own
 *     signatures (they cannot ride in an OpenAI tool call), and Gemini 3 refuses replayed calls without one; this
 *     value is the one Google documents for calls it did not produce;</li>
 * <li>a tool result → {@code functionResponse} with the function's {@code name} (the message's name, else the name
 *     of the earlier call with that id) and {@code response: {"output": <the result>}} (the result as JSON when it is
 *     JSON, else as a string), Gemini's documented key for a function's output.</li>
 * </ul>
 */
final class GeminiContents {
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private GeminiContents() { }

  static ArrayNode contents(List<Message> dialogue) {
    ArrayNode out = NODES.arrayNode();
    Map<String, String> callNames = new HashMap<>();
    String open = null;
    ArrayNode parts = null;
    for (Message m : dialogue) {
      String role = "assistant".equals(m.role()) ? "model" : "user";
      if (!role.equals(open)) {
        ObjectNode content = out.addObject().put("role", role);
        parts = content.putArray("parts");
        open = role;
      }
      parts(m, parts, callNames);
    }
    return out;
  }

  private static void parts(Message m, ArrayNode parts, Map<String, String> callNames) {
    if (m.toolCallId() != null) {
      String name = m.name() != null ? m.name() : callNames.get(m.toolCallId());
      if (name == null) {
        throw new UnsupportedContent("the tool result for call " + m.toolCallId() + " names no function and no"
            + " earlier assistant message made that call (Gemini's functionResponse needs the function's name)");
      }
      ObjectNode response = NODES.objectNode();
      response.set("output", ToolArgs.valueOf(m.content()));
      parts.addObject().putObject("functionResponse").put("name", name).set("response", response);
      return;
    }
    if (m.hasMedia()) {
      for (ContentPart p : m.parts()) part(p, parts);
    } else if (!m.hasToolCalls() || !m.content().isEmpty()) {
      parts.addObject().put("text", m.content());
    }
    boolean first = true;
    for (ToolCall c : m.toolCalls()) {
      callNames.put(c.id(), c.name());
      ObjectNode part = parts.addObject();
      part.putObject("functionCall").put("name", c.name()).set("args", ToolArgs.object(c));
      if (first) part.put("thoughtSignature", SKIP_SIGNATURE);
      first = false;
    }
  }

  private static void part(ContentPart p, ArrayNode parts) {
    if (p instanceof ContentPart.Text) {
      TextPart.addUnlessEmpty(parts, ((ContentPart.Text) p).text());
    } else if (p instanceof ContentPart.Image) {
      ContentPart.Image img = (ContentPart.Image) p;
      if (img.base64() != null) {
        parts.addObject().putObject("inlineData").put("mimeType", img.mediaType()).put("data", img.base64());
      } else {
        ObjectNode file = parts.addObject().putObject("fileData");
        String mime = imageType(img.url());
        if (mime != null) file.put("mimeType", mime);
        file.put("fileUri", img.url());
      }
    } else {
      ContentPart.Audio a = (ContentPart.Audio) p;
      parts.addObject().putObject("inlineData").put("mimeType", "audio/" + a.format()).put("data", a.data());
    }
  }

  /** The image MIME type an address's extension names, or null. */
  static String imageType(String url) {
    String path = url.toLowerCase(Locale.ROOT);
    int cut = path.indexOf('?');
    if (cut >= 0) path = path.substring(0, cut);
    if (path.endsWith(".png")) return "image/png";
    if (path.endsWith(".jpg") || path.endsWith(".jpeg")) return "image/jpeg";
    if (path.endsWith(".webp")) return "image/webp";
    if (path.endsWith(".gif")) return "image/gif";
    if (path.endsWith(".heic")) return "image/heic";
    if (path.endsWith(".heif")) return "image/heif";
    return null;
  }
}

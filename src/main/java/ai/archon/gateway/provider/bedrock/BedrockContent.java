package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.provider.TextPart;
import ai.archon.gateway.provider.ToolArgs;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The dialogue as Converse {@code messages}: assistant turns stay {@code assistant}, every other role (user, tool)
 * is {@code user}, consecutive messages of one role form one message (Converse requires alternation). Content
 * blocks: {@code text}; {@code image} ({@code format} png/jpeg/gif/webp and {@code source.bytes}, the base64 of a
 * data URL: Converse takes image bytes only, so an {@code https:} image is refused, the gateway does not download
 * it); {@code toolUse} ({@code toolUseId}, {@code name}, {@code input} object) and {@code toolResult}
 * ({@code toolUseId}, {@code content: [{"text"}]}), tool results first in their user message. A plain message is one
 * text block as before tools existed; in a message with other blocks, empty texts are left out (Converse refuses
 * blank text blocks). Audio is refused: Converse takes no audio input.
 */
final class BedrockContent {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BedrockContent() { }

  static ArrayNode messages(List<Message> dialogue) {
    ArrayNode out = NODES.arrayNode();
    String role = null;
    ArrayNode results = null;
    ArrayNode others = null;
    for (Message m : dialogue) {
      String r = "assistant".equals(m.role()) ? "assistant" : "user";
      if (!r.equals(role)) {
        if (role != null) close(out, role, results, others);
        role = r;
        results = NODES.arrayNode();
        others = NODES.arrayNode();
      }
      blocks(m, results, others);
    }
    if (role != null) close(out, role, results, others);
    return out;
  }

  private static void close(ArrayNode out, String role, ArrayNode results, ArrayNode others) {
    ObjectNode msg = out.addObject().put("role", role);
    msg.putArray("content").addAll(results).addAll(others);
  }

  private static void blocks(Message m, ArrayNode results, ArrayNode others) {
    if (m.toolCallId() != null) {
      ObjectNode result = results.addObject().putObject("toolResult").put("toolUseId", m.toolCallId());
      result.putArray("content").addObject().put("text", m.content());
      return;
    }
    if (!m.hasMedia() && !m.hasToolCalls()) {
      others.addObject().put("text", m.content());
      return;
    }
    if (m.hasMedia()) {
      for (ContentPart p : m.parts()) part(p, others);
    } else if (!m.content().isEmpty()) {
      others.addObject().put("text", m.content());
    }
    for (ToolCall c : m.toolCalls()) {
      others.addObject().putObject("toolUse").put("toolUseId", c.id()).put("name", c.name())
          .set("input", ToolArgs.object(c));
    }
  }

  private static void part(ContentPart p, ArrayNode out) {
    if (p instanceof ContentPart.Text) {
      TextPart.addUnlessEmpty(out, ((ContentPart.Text) p).text());
    } else if (p instanceof ContentPart.Image) {
      ContentPart.Image img = (ContentPart.Image) p;
      if (img.base64() == null) {
        throw new UnsupportedContent("image URLs (Bedrock Converse takes image bytes only: send the image as a"
            + " data: URL)");
      }
      ObjectNode image = out.addObject().putObject("image").put("format", format(img.mediaType()));
      image.putObject("source").put("bytes", img.base64());
    } else {
      throw new UnsupportedContent("audio input (Bedrock Converse takes text, images, documents and video only)");
    }
  }

  /** Converse's image format for a MIME type. */
  static String format(String mediaType) {
    String t = mediaType == null ? "" : mediaType;
    switch (t) {
      case "image/png": return "png";
      case "image/jpeg":
      case "image/jpg": return "jpeg";
      case "image/gif": return "gif";
      case "image/webp": return "webp";
      default:
        throw new UnsupportedContent("images of type " + (t.isEmpty() ? "unknown" : t)
            + " (Bedrock Converse takes png, jpeg, gif and webp)");
    }
  }
}

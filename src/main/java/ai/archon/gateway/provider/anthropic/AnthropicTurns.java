package ai.archon.gateway.provider.anthropic;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.provider.ToolArgs;
import ai.archon.gateway.provider.UnsupportedContent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The dialogue as Anthropic {@code messages}. Roles alternate (Anthropic requires it): assistant turns stay
 * {@code assistant}, every other role (user, tool) is {@code user}, and consecutive messages of one role form one
 * turn. A turn of plain texts keeps the string form, texts joined by a blank line; a turn with images, tool calls or
 * tool results is a block array: {@code text}, {@code image} (source {@code base64} for data URLs, {@code url} for
 * https addresses), {@code tool_use} (id, name, arguments as the {@code input} object) and {@code tool_result}
 * ({@code tool_use_id}, the tool's text). Consecutive tool results therefore merge into one user turn, and within a
 * user turn tool results come first, as Anthropic requires. Audio is refused: the Messages API takes none.
 */
final class AnthropicTurns {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AnthropicTurns() { }

  static ArrayNode messages(List<Message> dialogue) {
    ArrayNode out = NODES.arrayNode();
    List<Message> turn = new ArrayList<>();
    String role = null;
    for (Message m : dialogue) {
      String r = "assistant".equals(m.role()) ? "assistant" : "user";
      if (!r.equals(role) && role != null) {
        out.add(turn(role, turn));
        turn.clear();
      }
      role = r;
      turn.add(m);
    }
    if (role != null) out.add(turn(role, turn));
    return out;
  }

  private static ObjectNode turn(String role, List<Message> messages) {
    ObjectNode t = NODES.objectNode().put("role", role);
    if (messages.stream().allMatch(AnthropicTurns::plain)) {
      StringBuilder text = new StringBuilder();
      for (Message m : messages) {
        if (text.length() > 0) text.append("\n\n");
        text.append(m.content());
      }
      t.put("content", text.toString());
      return t;
    }
    ArrayNode results = NODES.arrayNode();
    ArrayNode others = NODES.arrayNode();
    for (Message m : messages) blocks(m, results, others);
    t.putArray("content").addAll(results).addAll(others);
    return t;
  }

  static boolean plain(Message m) {
    return !m.hasMedia() && !m.hasToolCalls() && m.toolCallId() == null;
  }

  private static void blocks(Message m, ArrayNode results, ArrayNode others) {
    if (m.toolCallId() != null) {
      results.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId()).put("content", m.content());
      return;
    }
    if (m.hasMedia()) {
      for (ContentPart p : m.parts()) part(p, others);
    } else {
      text(m.content(), others);
    }
    for (ToolCall c : m.toolCalls()) {
      others.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name()).set("input", ToolArgs.object(c));
    }
  }

  private static void part(ContentPart p, ArrayNode out) {
    if (p instanceof ContentPart.Text) {
      text(((ContentPart.Text) p).text(), out);
    } else if (p instanceof ContentPart.Image) {
      ContentPart.Image img = (ContentPart.Image) p;
      ObjectNode source = NODES.objectNode();
      if (img.base64() != null) {
        source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.base64());
      } else {
        source.put("type", "url").put("url", img.url());
      }
      out.addObject().put("type", "image").set("source", source);
    } else {
      throw new UnsupportedContent("audio input (the Anthropic Messages API takes text, images and documents only)");
    }
  }

  /** Anthropic refuses empty text blocks, so an empty text adds none. */
  private static void text(String text, ArrayNode out) {
    if (text != null && !text.isEmpty()) out.addObject().put("type", "text").put("text", text);
  }
}

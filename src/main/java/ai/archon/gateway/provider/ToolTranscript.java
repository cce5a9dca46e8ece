package ai.archon.gateway.provider;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's tool calls and results written as text, for a call that declares no tools: Bedrock Converse
 * refuses {@code toolUse}/{@code toolResult} blocks without a {@code toolConfig} ("The toolConfig field must be defined
 * when using toolUse and toolResult content blocks") and Anthropic's Messages API has refused them without
 * {@code tools} too. Such a call still sees what was called with which arguments and what came back.
 */
public final class ToolTranscript {
  private ToolTranscript() { }

  /** Whether any message carries tool calls or answers one. */
  public static boolean hasToolTurns(List<Message> messages) {
    for (Message m : messages) if (m.hasToolCalls() || m.toolCallId() != null) return true;
    return false;
  }

  /** The messages with tool calls appended to their assistant text and tool results as user text. */
  public static List<Message> flatten(List<Message> messages) {
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      if (m.hasToolCalls()) {
        StringBuilder calls = new StringBuilder();
        for (ToolCall c : m.toolCalls()) {
          if (calls.length() > 0) calls.append('\n');
          calls.append(call(c));
        }
        String text = m.content().isEmpty() ? calls.toString() : m.content() + "\n" + calls;
        out.add(new Message("assistant", text, withText(m.parts(), null, calls.toString()), List.of(), null, null));
      } else if (m.toolCallId() != null) {
        String head = "[tool result " + m.toolCallId() + "]";
        out.add(new Message("user", head + " " + m.content(), withText(m.parts(), head, null), List.of(), null, null));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /** Media parts keep their place, with the added text before or after them; text-only messages need no parts. */
  private static List<ContentPart> withText(List<ContentPart> parts, String before, String after) {
    boolean media = parts.stream().anyMatch(p -> !(p instanceof ContentPart.Text));
    if (!media) return List.of();
    List<ContentPart> out = new ArrayList<>(parts.size() + 1);
    if (before != null) out.add(new ContentPart.Text(before));
    out.addAll(parts);
    if (after != null) out.add(new ContentPart.Text(after));
    return out;
  }

  /** One call as text: {@code [tool call id] name({"a":1})}. */
  public static String call(ToolCall c) {
    return "[tool call " + c.id() + "] " + c.name() + "(" + c.arguments() + ")";
  }
}

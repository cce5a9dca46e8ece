package ai.archon.gateway.model;

import java.util.List;

/**
 * One chat message in the gateway's internal form. {@code content} is the message's text (text parts joined): what
 * judges' prompts and token estimates read. {@code parts} is the client's content array in order when it was one
 * (text, image and audio parts), empty for plain text. {@code toolCalls} are an assistant message's function calls;
 * {@code toolCallId} is the call a {@code tool} message answers; {@code name} is the function's name on a tool
 * message (Gemini's functionResponse needs it) or the participant name the client sent. All keep their ids end to end.
 */
public record Message(String role, String content, List<ContentPart> parts, List<ToolCall> toolCalls,
    String toolCallId, String name) {

  public Message {
    content = content == null ? "" : content;
    parts = parts == null ? List.of() : List.copyOf(parts);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public Message(String role, String content) {
    this(role, content, List.of(), List.of(), null, null);
  }

  public static Message system(String text) { return new Message("system", text); }
  public static Message user(String text) { return new Message("user", text); }
  public static Message assistant(String text) { return new Message("assistant", text); }

  /** An assistant turn that asked for tool calls (its text may be empty). */
  public static Message assistantCalls(String text, List<ToolCall> calls) {
    return new Message("assistant", text, List.of(), calls, null, null);
  }

  /** A tool result answering {@code callId} (the function's {@code name} may be null). */
  public static Message toolResult(String callId, String name, String text) {
    return new Message("tool", text, List.of(), List.of(), callId, name);
  }

  /** Whether any part is not text (an image or audio): such a message needs the protocol's multi-part form. */
  public boolean hasMedia() {
    for (ContentPart p : parts) if (!(p instanceof ContentPart.Text)) return true;
    return false;
  }

  public boolean hasToolCalls() { return !toolCalls.isEmpty(); }

  /**
   * The same message with other text: the text parts are replaced by one part holding it, ahead of the image and
   * audio parts, which are kept in their order (unlike {@link #withContent}, whose media parts keep their old text).
   */
  public Message withText(String text) {
    if (!hasMedia()) return new Message(role, text, List.of(), toolCalls, toolCallId, name);
    List<ContentPart> kept = new java.util.ArrayList<>();
    kept.add(new ContentPart.Text(text));
    for (ContentPart p : parts) if (!(p instanceof ContentPart.Text)) kept.add(p);
    return new Message(role, text, kept, toolCalls, toolCallId, name);
  }

  /** The image parts, in order. */
  public List<ContentPart.Image> images() {
    return parts.stream().filter(p -> p instanceof ContentPart.Image).map(p -> (ContentPart.Image) p).toList();
  }

  /** The same message with other text (parts that were only text are dropped with it: the new text replaces them). */
  public Message withContent(String text) {
    return new Message(role, text, hasMedia() ? parts : List.of(), toolCalls, toolCallId, name);
  }
}

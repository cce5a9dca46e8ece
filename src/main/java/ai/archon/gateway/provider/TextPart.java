package ai.archon.gateway.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A {@code {"text": ...}} element, the text part of Gemini's {@code parts} and of Bedrock Converse's {@code content}
 * alike; a client's empty text part is left out (it says nothing, and Converse refuses blank text blocks).
 */
public final class TextPart {
  private TextPart() { }

  /** Adds {@code text} to {@code out} as a text element unless it is empty. */
  public static void addUnlessEmpty(ArrayNode out, String text) {
    if (!text.isEmpty()) out.addObject().put("text", text);
  }
}

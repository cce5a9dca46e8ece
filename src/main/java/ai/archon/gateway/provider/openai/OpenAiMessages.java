package ai.archon.gateway.provider.openai;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes the gateway's messages and output spec in the Chat Completions request format: content parts in order
 * ({@code text}, {@code image_url}, {@code input_audio}), an assistant's {@code tool_calls} with their ids, a tool
 * message's {@code tool_call_id}; {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and
 * {@code response_format} as OpenAI names them.
 */
final class OpenAiMessages {
  private OpenAiMessages() { }

  static void write(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", m.role());
    if (m.hasMedia()) {
      g.writeArrayFieldStart("content");
      for (ContentPart p : m.parts()) part(g, p);
      g.writeEndArray();
    } else if (m.hasToolCalls() && m.content().isEmpty()) {
      g.writeNullField("content"); // OpenAI's own form of a calls-only assistant turn
    } else {
      g.writeStringField("content", m.content());
    }
    if (m.hasToolCalls()) writeToolCalls(g, m.toolCalls());
    if (m.toolCallId() != null) g.writeStringField("tool_call_id", m.toolCallId());
    // A tool message's name is the function's (kept for protocols that need it); OpenAI's tool message has none.
    if (m.name() != null && !"tool".equals(m.role())) g.writeStringField("name", m.name());
    g.writeEndObject();
  }

  /** {@code "tool_calls": [...]} as OpenAI writes them in a message (a request's history or a reply). */
  static void writeToolCalls(JsonGenerator g, List<ToolCall> calls) throws IOException {
    g.writeArrayFieldStart("tool_calls");
    for (ToolCall c : calls) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      openFunction(g, c.name());
      g.writeStringField("arguments", c.arguments());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * {@code "type": "function", "function": {"name": name}} with the function object left open: the head that a tool,
   * a named tool choice and a tool call share.
   */
  private static void openFunction(JsonGenerator g, String name) throws IOException {
    g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    g.writeStringField("name", name);
  }

  private static void part(JsonGenerator g, ContentPart p) throws IOException {
    g.writeStartObject();
    if (p instanceof ContentPart.Text) {
      g.writeStringField("type", "text");
      g.writeStringField("text", ((ContentPart.Text) p).text());
    } else if (p instanceof ContentPart.Image) {
      ContentPart.Image img = (ContentPart.Image) p;
      g.writeStringField("type", "image_url");
      g.writeObjectFieldStart("image_url");
      g.writeStringField("url", img.url());
      if (img.detail() != null) g.writeStringField("detail", img.detail());
      g.writeEndObject();
    } else {
      ContentPart.Audio a = (ContentPart.Audio) p;
      g.writeStringField("type", "input_audio");
      g.writeObjectFieldStart("input_audio");
      g.writeStringField("data", a.data());
      g.writeStringField("format", a.format());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Tools (with their choice and parallel flag) when there are any; the response format when it is not text. */
  static void writeOutput(JsonGenerator g, OutputSpec o) throws IOException {
    if (o.hasTools()) {
      g.writeArrayFieldStart("tools");
      for (ToolSpec t : o.tools()) {
        g.writeStartObject();
        openFunction(g, t.name());
        if (t.description() != null) g.writeStringField("description", t.description());
        if (t.parameters() != null) {
          g.writeFieldName("parameters");
          g.writeTree(t.parameters());
        }
        if (t.strict()) g.writeBooleanField("strict", true);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      ToolChoice c = o.toolChoice();
      if (c != null && c.mode() == ToolChoice.Mode.FUNCTION) {
        g.writeObjectFieldStart("tool_choice");
        openFunction(g, c.function());
        g.writeEndObject();
        g.writeEndObject();
      } else if (c != null) {
        g.writeStringField("tool_choice", c.mode().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (o.parallelToolCalls() != null) g.writeBooleanField("parallel_tool_calls", o.parallelToolCalls());
    }
    ResponseFormat f = o.responseFormat();
    if (f.type() == ResponseFormat.Type.JSON_OBJECT) {
      g.writeObjectFieldStart("response_format");
      g.writeStringField("type", "json_object");
      g.writeEndObject();
    } else if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
      g.writeObjectFieldStart("response_format");
      g.writeStringField("type", "json_schema");
      g.writeObjectFieldStart("json_schema");
      g.writeStringField("name", f.name());
      if (f.schema() != null) {
        g.writeFieldName("schema");
        g.writeTree(f.schema());
      }
      g.writeBooleanField("strict", f.strict());
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}

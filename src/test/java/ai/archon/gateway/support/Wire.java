package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** One provider's wire format as {@link MockUpstream} speaks it: reading requests, writing answers and errors. */
// Timing and connection handling live in Exchange, so the writers only shape bytes.
abstract class Wire {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Protocol protocol;
  /** The path ending of a streamed request, for protocols that name the model in the path; null for the others. */
  private final String streamSuffix;

  Wire(Protocol protocol, String streamSuffix) {
    this.protocol = protocol;
    this.streamSuffix = streamSuffix;
  }

  public final Protocol protocol() {
    return protocol;
  }

  /**
   * The model named by the request; {@code pathModel} is the model segment of the path, or null. The path's model
   * where the route has one (Gemini, Bedrock), else the body's {@code model}, as OpenAI and Anthropic name it.
   */
  public String model(JsonNode body, String pathModel) {
    return pathModel != null ? pathModel : body.path("model").asText(null);
  }

  /** Whether the reply streams: the path's ending where the protocol streams by path, else the body's flag. */
  public boolean streamed(JsonNode body, String path) {
    return streamSuffix != null ? path.endsWith(streamSuffix) : body.path("stream").asBoolean(false);
  }

  /** Every message text, system included, joined by newlines. */
  public abstract String promptText(JsonNode body);

  /** The last user message's text; by default from OpenAI/Anthropic-style {@code messages}. */
  public String lastUserText(JsonNode body) {
    String last = "";
    for (JsonNode m : body.path("messages")) {
      if ("user".equals(m.path("role").asText())) last = Wire.textOf(m.get("content"));
    }
    return last;
  }

  /** The protocol's error body for this status. */
  public abstract ObjectNode error(int status, String message, String typeOverride);

  /** The whole non-streamed answer as JSON. */
  public abstract String completion(Answer a);

  public String streamContentType(String uri) {
    return "text/event-stream; charset=utf-8";
  }

  /** Frames sent before the first content chunk (for OpenAI the role chunk, for Anthropic message_start...). */
  public abstract List<String> streamHead(Answer a, RecordedRequest r);

  /** The frame carrying content piece {@code index}; {@code last} lets Gemini put finishReason and usage on it. */
  public abstract String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last);

  /** Frames after the last content chunk. */
  public abstract List<String> streamTail(Answer a, RecordedRequest r);

  /** The text of a message content: a string, or an array of parts/blocks whose {@code text} fields count. */
  static String textOf(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) return "";
    if (content.isTextual()) return content.asText();
    StringBuilder sb = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        JsonNode t = part.isTextual() ? part : part.get("text");
        if (t != null && t.isTextual()) {
          if (sb.length() > 0) sb.append('\n');
          sb.append(t.asText());
        }
      }
    }
    return sb.toString();
  }

  /**
   * Every text of a conversation joined by newlines: the {@code system} content first (null when none), then each
   * turn's {@code field} (a string or text parts/blocks).
   */
  static String joined(JsonNode system, JsonNode turns, String field) {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, textOf(system));
    for (JsonNode turn : turns) appendLine(sb, textOf(turn.get(field)));
    return sb.toString();
  }

  /** Appends {@code text} to {@code sb} on a new line, skipping empty texts. */
  static void appendLine(StringBuilder sb, String text) {
    if (text == null || text.isEmpty()) return;
    if (sb.length() > 0) sb.append('\n');
    sb.append(text);
  }

  /** The error type of {@code status}: {@code known}'s, else {@code server} for a 5xx and {@code client} for others. */
  static String errorType(int status, Map<Integer, String> known, String server, String client) {
    return known.getOrDefault(status, status >= 500 ? server : client);
  }

  /** One SSE frame: optional {@code event:} line, a {@code data:} line, and the blank line. */
  static String sse(String event, Object data, String eol) {
    String json;
    try {
      json = data instanceof String ? (String) data : JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return (event == null ? "" : "event: " + event + eol) + "data: " + json + eol + eol;
  }

  static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

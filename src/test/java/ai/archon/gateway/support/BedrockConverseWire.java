package ai.archon.gateway.support;

import ai.archon.gateway.provider.bedrock.EventStreamFrames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bedrock's Converse ({@code /model/{id}/converse}) and ConverseStream ({@code /converse-stream}) as
 * {@link MockUpstream} speaks them: the model is the path's, the prompt the {@code system} and message {@code text}
 * blocks. A stream is AWS's binary event stream; its frames travel as {@link #frame Latin-1 strings}, one char per
 * byte, which {@link Exchange} writes back as bytes for the event-stream content type.
 */
final class BedrockConverseWire extends Wire {

  /** ConverseStream's content type; {@link Exchange} writes bodies of this type as Latin-1 (binary frames). */
  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  BedrockConverseWire() {
    super(Protocol.BEDROCK, "/converse-stream");
  }

  @Override
  public String promptText(JsonNode body) {
    return Wire.joined(body.get("system"), body.path("messages"), "content");
  }

  @Override
  public ObjectNode error(int status, String message, String typeOverride) {
    ObjectNode root = JSON.createObjectNode();
    root.put("message", message);
    return root;
  }

  @Override
  public String completion(Answer a) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode message = root.putObject("output").putObject("message");
    message.put("role", "assistant");
    message.putArray("content").addObject().put("text", a.text());
    root.put("stopReason", stopReason(a));
    root.set("usage", usage(a));
    return Wire.write(root);
  }

  @Override
  public String streamContentType(String uri) {
    return EVENT_STREAM;
  }

  @Override
  public List<String> streamHead(Answer a, RecordedRequest r) {
    return List.of(frame("messageStart", JSON.createObjectNode().put("role", "assistant")));
  }

  @Override
  public String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last) {
    ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
    delta.putObject("delta").put("text", piece);
    return frame("contentBlockDelta", delta);
  }

  @Override
  public List<String> streamTail(Answer a, RecordedRequest r) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.set("usage", usage(a));
    return List.of(frame("contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", 0)),
        frame("messageStop", JSON.createObjectNode().put("stopReason", stopReason(a))),
        frame("metadata", metadata));
  }

  /** One event-stream frame as a Latin-1 string (one char per byte), for {@link Exchange} to write as bytes. */
  static String frame(String eventType, ObjectNode payload) {
    Buffer bytes = EventStreamFrames.event(eventType, Wire.write(payload));
    return new String(bytes.getBytes(), StandardCharsets.ISO_8859_1);
  }

  private static String stopReason(Answer a) {
    return "length".equals(a.finishReason()) ? "max_tokens" : "end_turn";
  }

  private static ObjectNode usage(Answer a) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("inputTokens", a.promptTokens()).put("outputTokens", a.completionTokens())
        .put("totalTokens", a.totalTokens());
    return usage;
  }
}

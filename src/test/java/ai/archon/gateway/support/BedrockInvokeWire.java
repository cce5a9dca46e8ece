package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Bedrock's InvokeModel as {@link MockUpstream} records it: the model is the path's, the prompt the Titan
 * {@code inputText} or the Cohere {@code texts}. Errors are Bedrock's {@code {"message"}}; a text reply is a Converse
 * one. It never streams.
 */
final class BedrockInvokeWire extends Wire {
  /** Errors and text replies are Converse's. */
  private static final Wire CONVERSE = new BedrockConverseWire();

  BedrockInvokeWire() {
    super(Protocol.BEDROCK, null);
  }

  @Override
  public boolean streamed(JsonNode body, String path) {
    return false;
  }

  @Override
  public String promptText(JsonNode body) {
    return body.has("inputText") ? body.path("inputText").asText() : Wire.textOf(body.get("texts"));
  }

  @Override
  public String lastUserText(JsonNode body) {
    return promptText(body);
  }

  @Override
  public ObjectNode error(int status, String message, String typeOverride) {
    return CONVERSE.error(status, message, typeOverride);
  }

  @Override
  public String completion(Answer a) {
    return CONVERSE.completion(a);
  }

  @Override
  public List<String> streamHead(Answer a, RecordedRequest r) {
    throw new UnsupportedOperationException("the mock's InvokeModel does not stream");
  }

  @Override
  public String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last) {
    throw new UnsupportedOperationException("the mock's InvokeModel does not stream");
  }

  @Override
  public List<String> streamTail(Answer a, RecordedRequest r) {
    throw new UnsupportedOperationException("the mock's InvokeModel does not stream");
  }
}

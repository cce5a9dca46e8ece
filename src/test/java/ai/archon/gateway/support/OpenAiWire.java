package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI Chat Completions wire format: {@code chat.completion} objects and {@code chat.completion.chunk} SSE. */
final class OpenAiWire extends Wire {

  OpenAiWire() {
    super(Protocol.OPENAI, null);
  }

  @Override
  public String promptText(JsonNode body) {
    return Wire.joined(null, body.path("messages"), "content");
  }

  @Override
  public ObjectNode error(int status, String message, String typeOverride) {
    String type;
    String code = null;
    switch (status) {
      case 401: type = "invalid_request_error"; code = "invalid_api_key"; break;
      case 403: type = "invalid_request_error"; code = "unsupported_country_region_territory"; break;
      case 404: type = "invalid_request_error"; code = "model_not_found"; break;
      case 429: type = "requests"; code = "rate_limit_exceeded"; break;
      default: type = status >= 500 ? "server_error" : "invalid_request_error";
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", message);
    err.put("type", typeOverride != null ? typeOverride : type);
    err.putNull("param");
    if (code == null) err.putNull("code"); else err.put("code", code);
    return root;
  }

  @Override
  public String completion(Answer a) {
    ObjectNode root = base(a, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", a.text());
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", a.finishReason());
    usage(root.putObject("usage"), a);
    return Wire.write(root);
  }

  @Override
  public List<String> streamHead(Answer a, RecordedRequest r) {
    // Real streams open with a chunk that carries only the role.
    ObjectNode chunk = chunk(a, r);
    ObjectNode delta = choice(chunk).putObject("delta");
    delta.put("role", "assistant");
    delta.put("content", "");
    delta.putNull("refusal");
    choice(chunk).putNull("finish_reason");
    return List.of(Wire.sse(null, chunk, "\n"));
  }

  @Override
  public String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last) {
    ObjectNode chunk = chunk(a, r);
    choice(chunk).putObject("delta").put("content", piece);
    choice(chunk).putNull("finish_reason");
    return Wire.sse(null, chunk, "\n");
  }

  @Override
  public List<String> streamTail(Answer a, RecordedRequest r) {
    List<String> frames = new ArrayList<>();
    ObjectNode done = chunk(a, r);
    choice(done).putObject("delta");
    choice(done).put("finish_reason", a.finishReason());
    frames.add(Wire.sse(null, done, "\n"));
    if (includeUsage(r)) {
      // The usage chunk has an empty choices array, as OpenAI sends it.
      ObjectNode usageChunk = base(a, "chat.completion.chunk");
      usageChunk.putArray("choices");
      usage(usageChunk.putObject("usage"), a);
      frames.add(Wire.sse(null, usageChunk, "\n"));
    }
    frames.add("data: [DONE]\n\n");
    return frames;
  }

  private static boolean includeUsage(RecordedRequest r) {
    return r.body().path("stream_options").path("include_usage").asBoolean(false);
  }

  private static ObjectNode base(Answer a, String object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", a.id());
    root.put("object", object);
    root.put("created", a.created());
    root.put("model", a.model());
    root.put("system_fingerprint", "fp_mock");
    return root;
  }

  /** A content-bearing chunk; {@code usage: null} appears on each when usage was asked for, as OpenAI does. */
  private static ObjectNode chunk(Answer a, RecordedRequest r) {
    ObjectNode chunk = base(a, "chat.completion.chunk");
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    if (includeUsage(r)) chunk.putNull("usage");
    return chunk;
  }

  private static ObjectNode choice(ObjectNode chunk) {
    ObjectNode c = (ObjectNode) chunk.get("choices").get(0);
    if (!c.has("logprobs")) c.putNull("logprobs");
    return c;
  }

  private static void usage(ObjectNode u, Answer a) {
    u.put("prompt_tokens", a.promptTokens());
    u.put("completion_tokens", a.completionTokens());
    u.put("total_tokens", a.totalTokens());
  }
}

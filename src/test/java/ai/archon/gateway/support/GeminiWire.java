package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The Gemini {@code generateContent}/{@code streamGenerateContent} wire format. */
// Streams are SSE when the query has alt=sse, otherwise one JSON array written piece by piece, as Google does. SSE
// frames end in CRLF pairs because Google's servers send them so, and adapters must cope.
final class GeminiWire extends Wire {

  private static final String EOL = "\r\n";
  private static final Map<Integer, String> STATUSES = Map.of(400, "INVALID_ARGUMENT", 401, "UNAUTHENTICATED",
      403, "PERMISSION_DENIED", 404, "NOT_FOUND", 429, "RESOURCE_EXHAUSTED", 503, "UNAVAILABLE",
      504, "DEADLINE_EXCEEDED");

  GeminiWire() {
    super(Protocol.GEMINI, ":streamGenerateContent");
  }

  @Override
  public String promptText(JsonNode body) {
    // REST accepts both spellings of the system instruction.
    JsonNode sys = body.has("systemInstruction") ? body.get("systemInstruction") : body.get("system_instruction");
    return Wire.joined(sys == null ? null : sys.get("parts"), body.path("contents"), "parts");
  }

  @Override
  public String lastUserText(JsonNode body) {
    String last = "";
    for (JsonNode c : body.path("contents")) {
      String role = c.path("role").asText("user");
      if ("user".equals(role)) last = Wire.textOf(c.get("parts"));
    }
    return last;
  }

  @Override
  public ObjectNode error(int status, String message, String typeOverride) {
    String s = Wire.errorType(status, STATUSES, "INTERNAL", "FAILED_PRECONDITION");
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("code", status);
    err.put("message", message);
    err.put("status", typeOverride != null ? typeOverride : s);
    return root;
  }

  @Override
  public String completion(Answer a) {
    return Wire.write(response(a, a.text(), true));
  }

  @Override
  public String streamContentType(String uri) {
    return sse(uri) ? "text/event-stream" : "application/json; charset=UTF-8";
  }

  @Override
  public List<String> streamHead(Answer a, RecordedRequest r) {
    return sse(r.uri()) ? List.of() : List.of("[");
  }

  @Override
  public String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last) {
    ObjectNode chunk = response(a, piece, last);
    if (sse(r.uri())) return Wire.sse(null, chunk, EOL);
    return (index == 0 ? "" : ",\r\n") + Wire.write(chunk);
  }

  @Override
  public List<String> streamTail(Answer a, RecordedRequest r) {
    return sse(r.uri()) ? List.of() : List.of("]");
  }

  private static boolean sse(String uri) {
    int q = uri.indexOf('?');
    if (q < 0) return false;
    for (String p : uri.substring(q + 1).split("&")) {
      if (p.equals("alt=sse")) return true;
    }
    return false;
  }

  /** One GenerateContentResponse; {@code last} adds finishReason and usageMetadata. */
  private static ObjectNode response(Answer a, String text, boolean last) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cand = root.putArray("candidates").addObject();
    ObjectNode content = cand.putObject("content");
    content.putArray("parts").addObject().put("text", text);
    content.put("role", "model");
    if (last) cand.put("finishReason", finishReason(a.finishReason()));
    cand.put("index", 0);
    if (last) {
      root.putObject("usageMetadata").put("promptTokenCount", a.promptTokens())
          .put("candidatesTokenCount", a.completionTokens()).put("totalTokenCount", a.totalTokens());
    }
    root.put("modelVersion", a.model());
    root.put("responseId", a.id());
    return root;
  }

  static String finishReason(String openAi) {
    switch (openAi) {
      case "stop": return "STOP";
      case "length": return "MAX_TOKENS";
      case "content_filter": return "SAFETY";
      default: return openAi.toUpperCase(java.util.Locale.ROOT);
    }
  }
}

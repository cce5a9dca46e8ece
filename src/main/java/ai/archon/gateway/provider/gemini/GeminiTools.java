package ai.archon.gateway.provider.gemini;

import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import ai.archon.gateway.provider.ToolArgs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Function tools as Gemini {@code tools[].functionDeclarations}, OpenAI's {@code tool_choice} as
 * {@code toolConfig.functionCallingConfig}, and the ids of the calls Gemini answers with.
 */
final class GeminiTools {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private GeminiTools() { }

  /**
   * One tool holding every declaration ({@code name}, {@code description}, {@code parameters} converted by
   * {@link GeminiSchema}; a tool without parameter properties declares none: Gemini refuses an OBJECT without them).
   */
  static ArrayNode tools(List<ToolSpec> tools) {
    ArrayNode out = NODES.arrayNode();
    ArrayNode declarations = out.addObject().putArray("functionDeclarations");
    for (ToolSpec t : tools) {
      ObjectNode d = declarations.addObject().put("name", t.name());
      if (t.description() != null) d.put("description", t.description());
      JsonNode p = t.parameters();
      if (p != null && p.path("properties").isObject() && p.get("properties").size() > 0) {
        d.set("parameters", GeminiSchema.convert(p));
      }
    }
    return out;
  }

  /**
   * auto → {@code AUTO}, none → {@code NONE}, required → {@code ANY}, a named function → {@code ANY} with
   * {@code allowedFunctionNames: [name]}. {@code parallel_tool_calls: false} has no Gemini switch: the provider keeps
   * only the first call of an answer instead.
   */
  static ObjectNode toolConfig(ToolChoice choice) {
    ObjectNode out = NODES.objectNode();
    ObjectNode config = out.putObject("functionCallingConfig");
    switch (choice.mode()) {
      case NONE:
        config.put("mode", "NONE");
        break;
      case REQUIRED:
        config.put("mode", "ANY");
        break;
      case FUNCTION:
        config.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.function());
        break;
      default:
        config.put("mode", "AUTO");
    }
    return out;
  }

  /**
   * A reply's {@code functionCall} as a tool call. Gemini's own {@code id} is kept when it sends one; older versions
   * send none, so the id is made from what identifies the call: {@code call_} and the first 24 hex digits of the
   * SHA-256 of the reply's {@code responseId}, the call's position in the reply, its name and arguments. The same
   * reply always gives the same ids, and two calls of one reply never share one.
   */
  static ToolCall call(JsonNode functionCall, String responseId, int index) {
    String name = functionCall.path("name").asText("");
    String args = ToolArgs.text(functionCall.get("args"));
    JsonNode id = functionCall.get("id");
    if (id != null && id.isTextual() && !id.asText().isEmpty()) return new ToolCall(id.asText(), name, args);
    return new ToolCall(mintedId(responseId, index, name, args), name, args);
  }

  static String mintedId(String responseId, int index, String name, String args) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((responseId + "\n" + index + "\n" + name + "\n" + args).getBytes(StandardCharsets.UTF_8));
      return "call_" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java runtime has SHA-256
    }
  }
}

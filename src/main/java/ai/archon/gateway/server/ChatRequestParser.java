package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Sampling;
import com.fasterxml.jackson.core.JsonProcessingException;
import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates a Chat Completions body, answering problems as OpenAI-style 400 errors naming the param. */
public final class ChatRequestParser {
  private static final ObjectMapper JSON = JsonIo.MAPPER; // one shared mapper (and its serializer caches)
  /** More choices than this is a client bug, not a use case; each choice is a full ensemble output. */
  static final int MAX_N = 16;

  private ChatRequestParser() { }

  public static ParsedChat parse(Buffer body) {
    return parse(tree(body));
  }

  /** The body as a JSON tree; 400 when it is empty or not JSON. */
  static JsonNode tree(Buffer body) {
    if (body == null || body.length() == 0) throw ApiException.invalid(null, "request body is empty; expected a JSON object");
    try (JsonParser p = JsonIo.parser(body)) {
      return JSON.readTree(p);
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(null, "request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.invalid(null, "request body could not be read");
    }
  }

  /** As {@link #parse(Buffer)} for a body already read as a tree. */
  static ParsedChat parse(JsonNode root) {
    if (root == null || !root.isObject()) throw ApiException.invalid(null, "request body must be a JSON object");
    ObjectNode o = (ObjectNode) root;
    String model = text(o, "model");
    if (model == null || model.isBlank()) throw ApiException.invalid("model", "'model' is required");
    ModelNames.check(model);
    List<Message> messages = ChatMessagesParser.messages(o.get("messages"));
    Double temperature = number(o, "temperature", 0, 2);
    Double topP = number(o, "top_p", 0, 1);
    Integer maxTokens = positiveInt(o, "max_completion_tokens");
    if (maxTokens == null) maxTokens = positiveInt(o, "max_tokens");
    Integer n = positiveInt(o, "n");
    if (n != null && n > MAX_N) throw ApiException.invalid("n", "'n' must be at most " + MAX_N);
    boolean stream = bool(o, "stream");
    JsonNode so = o.get("stream_options");
    boolean includeUsage = so != null && so.isObject() && so.path("include_usage").asBoolean(false);
    Long seed = null;
    if (present(o, "seed")) {
      if (!o.get("seed").canConvertToLong()) throw ApiException.invalid("seed", "'seed' must be an integer");
      seed = o.get("seed").asLong();
    }
    String user = text(o, "user");
    Overrides overrides = new Overrides(new Sampling(temperature, maxTokens, topP, stop(o.get("stop")), seed, user),
        OutputSpecParser.parse(o));
    return new ParsedChat(model, messages, overrides, n == null ? 1 : n, new ParsedChat.Delivery(stream, includeUsage),
        o);
  }

  private static List<String> stop(JsonNode s) {
    if (s == null || s.isNull()) return List.of();
    if (s.isTextual()) return List.of(s.asText());
    if (s.isArray() && s.size() <= 4) {
      List<String> out = new ArrayList<>();
      for (JsonNode x : s) {
        if (!x.isTextual()) throw ApiException.invalid("stop", "'stop' must be a string or an array of up to 4 strings");
        out.add(x.asText());
      }
      return out;
    }
    throw ApiException.invalid("stop", "'stop' must be a string or an array of up to 4 strings");
  }

  private static boolean present(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && !v.isNull();
  }

  private static String text(ObjectNode o, String field) {
    if (!present(o, field)) return null;
    if (!o.get(field).isTextual()) throw ApiException.invalid(field, "'" + field + "' must be a string");
    return o.get(field).asText();
  }

  private static boolean bool(ObjectNode o, String field) {
    if (!present(o, field)) return false;
    if (!o.get(field).isBoolean()) throw ApiException.invalid(field, "'" + field + "' must be a boolean");
    return o.get(field).asBoolean();
  }

  private static Double number(ObjectNode o, String field, double min, double max) {
    if (!present(o, field)) return null;
    JsonNode v = o.get(field);
    if (!v.isNumber()) throw ApiException.invalid(field, "'" + field + "' must be a number");
    double d = v.asDouble();
    if (d < min || d > max) throw ApiException.invalid(field, "'" + field + "' must be between " + fmt(min) + " and " + fmt(max));
    return d;
  }

  private static Integer positiveInt(ObjectNode o, String field) {
    if (!present(o, field)) return null;
    JsonNode v = o.get(field);
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
      throw ApiException.invalid(field, "'" + field + "' must be a positive integer");
    }
    return v.asInt();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}

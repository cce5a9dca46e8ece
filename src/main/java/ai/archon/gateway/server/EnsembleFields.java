package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Which Chat Completions request fields an ensemble honours, accepts without effect, or refuses: nothing a client
 * sends is dropped silently (docs/request-fields.md is the table). A pass-through request skips this check: its
 * body is forwarded as sent.
 */
final class EnsembleFields {
  /** Fields the parser reads and the pipeline honours. */
  static final Set<String> HONOURED = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
      "max_completion_tokens", "n", "stream", "stream_options", "stop", "seed", "user", "tools", "tool_choice",
      "parallel_tool_calls", "response_format");
  /**
   * Fields accepted and ignored because they change nothing in the answer: bookkeeping for OpenAI's own platform
   * (stored completions, evals, billing tier, its prompt cache, abuse tracking).
   */
  static final Set<String> IGNORED = Set.of("metadata", "store", "service_tier", "prompt_cache_key",
      "prompt_cache_retention", "safety_identifier");
  /** The content part types every component of an ensemble gets (mapped per protocol). */
  private static final Set<String> ENSEMBLE_PARTS = Set.of("text", "image_url");
  /** Fields refused whatever their value: the ensemble cannot produce what they ask for. */
  private static final Map<String, String> REFUSED = Map.of(
      "audio", "audio output is not produced by Archon ensembles",
      "prediction", "predicted outputs are not supported by Archon ensembles",
      "functions", "the deprecated 'functions' field is not supported by Archon ensembles; send 'tools'",
      "function_call", "the deprecated 'function_call' field is not supported by Archon ensembles; send 'tool_choice'",
      "reasoning_effort", "an ensemble's components set their own reasoning; 'reasoning_effort' cannot reach them",
      "web_search_options", "web search is not supported by Archon ensembles",
      "top_logprobs", "log probabilities are not available from an ensemble's answer");

  private EnsembleFields() { }

  /** 400 naming the first field of {@code body} that an ensemble cannot honour. */
  static void check(ObjectNode body, String model) {
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      JsonNode v = e.getValue();
      if (HONOURED.contains(field) || IGNORED.contains(field) || v.isNull()) continue;
      String why = REFUSED.get(field);
      if (why == null) why = defaultOnly(field, v);
      if (why != null) throw refuse(field, model, why);
    }
    tools(body, model);
    messages(body.get("messages"), model);
  }

  /**
   * Fields accepted at their default value only (clients and SDKs often send the default explicitly): a penalty of
   * 0, no logprobs, an empty logit_bias, text modality, medium verbosity. Returns why another value is refused, or
   * null when the value is the default; unknown fields are refused too.
   */
  private static String defaultOnly(String field, JsonNode v) {
    switch (field) {
      case "frequency_penalty":
      case "presence_penalty":
        return v.isNumber() && v.asDouble() == 0 ? null
            : "penalties cannot be applied across an ensemble's components; only 0 is accepted";
      case "logprobs":
        return v.isBoolean() && !v.asBoolean() ? null : "log probabilities are not available from an ensemble's answer";
      case "logit_bias":
        return v.isObject() && v.isEmpty() ? null
            : "token ids differ between an ensemble's models, so 'logit_bias' cannot be applied";
      case "modalities":
        return v.isArray() && v.size() == 1 && "text".equals(v.get(0).asText()) ? null
            : "Archon ensembles answer with text only; 'modalities' may only be [\"text\"]";
      case "verbosity":
        return "medium".equals(v.asText()) ? null
            : "an ensemble's components set their own verbosity; only \"medium\" is accepted";
      default:
        return "'" + field + "' is not a Chat Completions field an Archon ensemble knows";
    }
  }

  private static void tools(ObjectNode body, String model) {
    JsonNode tools = body.path("tools");
    for (int i = 0; i < tools.size(); i++) {
      String type = tools.get(i).path("type").asText("");
      if (!"function".equals(type)) {
        throw refuse("tools[" + i + "].type", model, "only function tools reach an ensemble's components, not '" + type + "'");
      }
    }
    JsonNode choice = body.path("tool_choice");
    if (choice.isObject() && !"function".equals(choice.path("type").asText(""))) {
      throw refuse("tool_choice.type", model, "'tool_choice' may be auto, none, required or a function for an ensemble");
    }
  }

  /** Audio and file parts (and an assistant's audio reference) cannot reach every component: refused by name. */
  private static void messages(JsonNode messages, String model) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).hasNonNull("audio")) {
        throw refuse("messages[" + i + "].audio", model, "audio output references are not supported by Archon ensembles");
      }
    }
    String part = ChatMessagesParser.firstPartNotIn(messages, ENSEMBLE_PARTS);
    if (part != null) {
      throw refuse(part, model, "only text and image_url content parts reach an ensemble's components; use "
          + "<model_type>/<model> to pass other parts through to one provider");
    }
  }

  private static ApiException refuse(String param, String model, String why) {
    return new ApiException(400, "invalid_request_error", "unsupported_parameter", param,
        "'" + param + "' cannot be honoured by the ensemble '" + model + "': " + why);
  }
}

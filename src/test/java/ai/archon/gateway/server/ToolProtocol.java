package ai.archon.gateway.server;

import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How one wire protocol carries tools, as the tool and structured-output end-to-end tests need it: the scripted
 * upstream's tool-call reply, and reading an upstream request's tools, response format and conversation ids. Each
 * protocol the gateway maps adds one implementation; the tests run over {@link #ALL}.
 */
interface ToolProtocol {
  /** The model_type whose components speak this protocol against the mock upstream. */
  String modelType();

  /** A reply calling {@code name} with {@code arguments} (JSON text) under the call id {@code id}. */
  Reply toolCall(String id, String name, String arguments);

  /** The names of the tools the upstream request offered (empty when none). */
  List<String> toolNames(RecordedRequest r);

  /** Whether the upstream request asked for a JSON answer (the protocol's form of response_format). */
  boolean asksForJson(RecordedRequest r);

  /** Every call id in the request's conversation: the assistant's calls and the tool results' ids, in order. */
  List<String> conversationCallIds(RecordedRequest r);

  ToolProtocol OPENAI = new ToolProtocol() {
    @Override
    public String modelType() { return "OpenAI_API"; }

    @Override
    public Reply toolCall(String id, String name, String arguments) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("id", "chatcmpl-" + id).put("object", "chat.completion").put("created", 1).put("model", "m");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "tool_calls");
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant").putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", id).put("type", "function");
      call.putObject("function").put("name", name).put("arguments", arguments);
      root.putObject("usage").put("prompt_tokens", 5).put("completion_tokens", 3).put("total_tokens", 8);
      return Reply.raw(200, "application/json", root.toString());
    }

    @Override
    public List<String> toolNames(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode t : r.body().path("tools")) out.add(t.path("function").path("name").asText());
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return r.body().has("response_format");
    }

    @Override
    public List<String> conversationCallIds(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode m : r.body().path("messages")) {
        for (JsonNode c : m.path("tool_calls")) out.add(c.path("id").asText());
        if (m.has("tool_call_id")) out.add(m.get("tool_call_id").asText());
      }
      return out;
    }

    @Override
    public String toString() { return modelType(); }
  };

  /** The protocols the tests run over (the other adapters add theirs). */
  List<ToolProtocol> ALL = List.of(OPENAI);
}

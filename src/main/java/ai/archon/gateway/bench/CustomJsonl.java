package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Your own benchmark as a data file: JSON lines with an {@code id} and either {@code prompt} (a string) or
 * {@code messages} (OpenAI-style {@code [{role, content}]}), optionally {@code temperature} and {@code max_tokens};
 * answers as JSON lines {@code {id, model, output, usage{prompt_tokens, completion_tokens, total_tokens},
 * latency_ms}}.
 */
final class CustomJsonl extends BuiltinBenchmark {

  CustomJsonl() {
    super(new Identity("jsonl", null, false, "id"), CustomJsonl::questions);
  }

  private static List<Question> questions(Path file) {
    return QuestionFiles.map(file, file + " line", (q, where) -> {
      JsonNode id = q.get("id");
      if (id == null || id.isNull() || id.isContainerNode()) throw new IllegalArgumentException(where + ": needs an \"id\"");
      Double temperature = q.hasNonNull("temperature") ? q.get("temperature").asDouble() : null;
      Integer maxTokens = q.hasNonNull("max_tokens") ? q.get("max_tokens").asInt() : null;
      if (q.has("prompt")) {
        return Question.turns(key(id), q, List.of(QuestionFiles.text(q, "prompt", where)), temperature, maxTokens);
      }
      if (q.has("messages") && q.get("messages").isArray() && !q.get("messages").isEmpty()) {
        return new Question(key(id), q, messages(q.get("messages"), where), List.of(), temperature, maxTokens);
      }
      throw new IllegalArgumentException(where + ": needs \"prompt\" or a non-empty \"messages\" array");
    });
  }

  @Override
  public ObjectNode record(Answered a, String modelId) {
    ObjectNode n = AnswerJson.object();
    n.set("id", a.question().source().get("id"));
    n.put("model", modelId);
    n.put("output", a.last());
    ObjectNode usage = n.putObject("usage");
    usage.put("prompt_tokens", a.usage().promptTokens());
    usage.put("completion_tokens", a.usage().completionTokens());
    usage.put("total_tokens", a.usage().totalTokens());
    n.put("latency_ms", a.latencyMs());
    return n;
  }

  @Override
  public String keyOf(JsonNode record) {
    JsonNode id = record.get("id");
    return id == null || id.isNull() ? null : key(id);
  }

  /** Strings by their text, numbers by their JSON form, so {@code 7} and {@code "7"} are the same question. */
  private static String key(JsonNode id) {
    return id.isTextual() ? id.textValue() : id.toString();
  }

  private static List<Message> messages(JsonNode array, String where) {
    List<Message> out = new ArrayList<>();
    for (JsonNode m : array) {
      JsonNode role = m.get("role");
      JsonNode content = m.get("content");
      if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
        throw new IllegalArgumentException(where + ": each message needs a string role and content");
      }
      out.add(new Message(role.textValue(), content.textValue()));
    }
    return out;
  }
}

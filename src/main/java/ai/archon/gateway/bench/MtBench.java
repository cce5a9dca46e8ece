package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MT-Bench as FastChat's {@code gen_api_answer.py} runs it: both turns in one conversation (turn 2 after the model's
 * own turn-1 answer), the category's temperature, 1024 max tokens per turn; answers in FastChat's
 * {@code model_answer} JSONL ({@code question_id, answer_id, model_id, choices[{index, turns[...]}], tstamp}).
 */
final class MtBench extends BuiltinBenchmark {
  static final int MAX_TOKENS = 1024;
  /** FastChat's {@code temperature_config} (fastchat/llm_judge/common.py); other categories get 0.7. */
  static final Map<String, Double> TEMPERATURES = Map.of(
      "writing", 0.7, "roleplay", 0.7, "extraction", 0.0, "math", 0.0, "coding", 0.0, "reasoning", 0.0,
      "stem", 0.1, "humanities", 0.1);
  static final double DEFAULT_TEMPERATURE = 0.7;

  MtBench() {
    super(new Identity("mt_bench", QuestionSets.MT_BENCH, true, "question_id"), MtBench::questions);
  }

  private static List<Question> questions(Path file) {
    List<Question> out = new ArrayList<>();
    for (ObjectNode q : QuestionFiles.read(file)) {
      JsonNode id = q.get("question_id");
      String where = "MT-Bench question " + id;
      if (id == null || !(id.isNumber() || id.isTextual())) throw new IllegalArgumentException(where + ": no question_id");
      JsonNode turns = q.get("turns");
      if (turns == null || !turns.isArray() || turns.isEmpty()) throw new IllegalArgumentException(where + ": no turns");
      List<String> texts = new ArrayList<>();
      turns.forEach(t -> {
        if (!t.isTextual()) throw new IllegalArgumentException(where + ": turns must be strings");
        texts.add(t.textValue());
      });
      String category = q.path("category").asText("");
      out.add(Question.turns(id.asText(), q, texts, TEMPERATURES.getOrDefault(category, DEFAULT_TEMPERATURE),
          MAX_TOKENS));
    }
    return out;
  }

  @Override
  public ObjectNode record(Answered a, String modelId) {
    ObjectNode n = AnswerJson.object();
    n.set("question_id", a.question().source().get("question_id"));
    n.put("answer_id", ShortUuid.next());
    n.put("model_id", modelId);
    ObjectNode choice = n.putArray("choices").addObject();
    choice.put("index", 0);
    ArrayNode turns = choice.putArray("turns");
    a.outputs().forEach(turns::add);
    n.set("tstamp", AnswerJson.seconds(a.tstamp()));
    return n;
  }
}

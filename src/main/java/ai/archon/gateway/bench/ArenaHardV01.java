package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Arena-Hard-Auto v0.1 in the original (2024) pipeline's format: {@code question_id, answer_id, model_id,
 * choices[{index, turns[{content, token_len}]}], tstamp, conv_metadata} with cl100k_base token counts and the
 * markdown counts style control reads. Sampling as its {@code gen_answer_config.yaml}: temperature 0, 4096 tokens.
 */
final class ArenaHardV01 extends ArenaHard {
  static final double TEMPERATURE = 0.0;
  static final int MAX_TOKENS = 4096;

  ArenaHardV01() {
    super(new Identity("arena_hard_v0.1", QuestionSets.ARENA_HARD_V01, true, "question_id"), TEMPERATURE, MAX_TOKENS);
  }

  @Override
  public ObjectNode record(Answered a, String modelId) {
    ObjectNode n = keyed(a).put("answer_id", ShortUuid.next()).put("model_id", modelId);
    ObjectNode choice = n.putArray("choices").addObject();
    choice.put("index", 0);
    ArrayNode turns = choice.putArray("turns");
    for (String output : a.outputs()) {
      turns.addObject().put("content", output).put("token_len", TokenCounter.CL100K.count(output));
    }
    n.set("tstamp", AnswerJson.seconds(a.tstamp()));
    // As gen_answer.py: style metadata only for a single-turn, single-choice answer.
    if (a.outputs().size() == 1) {
      n.set("conv_metadata", MarkdownStats.metadata(a.last(), turns.get(0).get("token_len").intValue()));
    }
    return n;
  }
}

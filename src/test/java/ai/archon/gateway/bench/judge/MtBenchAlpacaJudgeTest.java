package ai.archon.gateway.bench.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench judge} on MT-Bench and AlpacaEval against the mock upstream, then {@code bench score} on the result. */
class MtBenchAlpacaJudgeTest extends JudgeTestBase {
  private static String mtAnswer(int id, String a1, String a2) {
    return "{\"question_id\": " + id + ", \"answer_id\": \"x\", \"model_id\": \"mt-model\", \"choices\": [{\"index\": 0,"
        + " \"turns\": [\"" + a1 + "\", \"" + a2 + "\"]}], \"tstamp\": 1.0}";
  }

  @Test
  void mtBenchGradesEachTurnWithTheOfficialPromptsAndScores() throws Exception {
    // question 81 (writing): turn 1 rated 8, turn 2 never rated; 111 (math, with reference): 6 and 4
    upstream.respond("judge-model", r -> {
      String prompt = r.body().at("/messages/1/content").asText();
      if (prompt.contains("W-TWO")) return Reply.text("No number from me.").usage(10, 2);
      if (prompt.contains("M-TWO")) return Reply.text("Rating: [4]").usage(10, 2);
      return Reply.text(prompt.contains("M-ONE") ? "Rating: [[6]]" : "Rating: [[8]]").usage(10, 2);
    });
    Path answers = JudgeRun.write(tmp.resolve("out/mt_bench/model_answer/mt-model.jsonl"),
        List.of(mtAnswer(81, "W-ONE", "W-TWO"), mtAnswer(111, "M-ONE", "M-TWO")));

    JudgeRun run = JudgeRun.judge(env, "--benchmark", "mt_bench", "--answers", answers.toString(),
        "--judge", "OpenAI_API/judge-model", "--configs", JudgeRun.configs().toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    assertEquals(5, upstream.calls("judge-model"), "4 turns, one asked again");
    Path file = tmp.resolve("out/mt_bench/model_judgment/OpenAI_API_judge-model_single.jsonl");
    List<JsonNode> lines = JudgeRun.lines(file);
    assertEquals(4, lines.size());
    JsonNode fixture = JudgeRun.lines(JudgeRun.shared("benchmarks/judgments/mt-bench/format-fixture/gpt-4_single.jsonl"))
        .get(0);
    assertEquals(ArenaJudgeTest.names(fixture), ArenaJudgeTest.names(lines.get(0)), "FastChat's fields, in order");
    List<String> judges = new ArrayList<>();
    for (JsonNode l : lines) judges.add(l.get("question_id").asInt() + "/" + l.get("turn").asInt() + "/" + l.at("/judge/1").asText()
        + "/" + l.get("score"));
    assertEquals(List.of("81/1/single-v1/8", "81/2/single-v1-multi-turn/-1", "111/1/single-math-v1/6",
        "111/2/single-math-v1-multi-turn/4"), judges);
    assertEquals("OpenAI_API_judge-model", lines.get(0).at("/judge/0").asText());
    String reference = Files.readString(JudgeRun.shared("benchmarks/mt-bench/reference_answer/gpt-4.jsonl"));
    String mathPrompt = lines.get(2).get("user_prompt").asText();
    assertTrue(mathPrompt.startsWith("[Instruction]\n"), mathPrompt);
    assertTrue(mathPrompt.contains("[The Start of Reference Answer]"), "the math prompt carries the reference");
    String ref = mathPrompt.substring(mathPrompt.indexOf("[The Start of Reference Answer]\n") + 32,
        mathPrompt.indexOf("\n[The End of Reference Answer]"));
    assertTrue(reference.contains(com.fasterxml.jackson.databind.node.TextNode.valueOf(ref).toString()
        .replaceAll("^\"|\"$", "")), "GPT-4's reference answer");
    RecordedRequest first = upstream.requests("judge-model").get(0);
    assertEquals(0.0, first.body().get("temperature").asDouble());
    assertEquals(2048, first.body().get("max_tokens").asInt());

    JsonNode scores = JudgeRun.score(env, "--benchmark", "mt_bench", "--judgments", file.toString());
    JsonNode m = ArenaJudgeTest.find(scores, "mt-model");
    assertEquals(6.0, m.get("score").asDouble(), 1e-9, "the unrated turn is dropped: (8 + 6 + 4) / 3");
    assertEquals(7.0, m.get("turn_1").asDouble(), 1e-9);
    assertEquals(4.0, m.get("turn_2").asDouble(), 1e-9);
  }

  private Path alpacaAnswers(int n) throws Exception {
    JsonNode official = ai.archon.gateway.support.Json.parse(
        Files.readString(JudgeRun.shared("benchmarks/alpaca-eval/gpt4_1106_preview/model_outputs.json")));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode a = ai.archon.gateway.bench.AnswerJson.object();
      a.put("instruction", official.get(i).get("instruction").asText());
      a.put("output", "MODEL OUTPUT " + i);
      a.put("generator", "alpaca-model");
      a.set("dataset", official.get(i).get("dataset"));
      lines.add(ai.archon.gateway.bench.AnswerJson.line(a, false));
    }
    return JudgeRun.write(tmp.resolve("out/alpaca_eval/model_answer/alpaca-model.jsonl"), lines);
  }

  /** The model's slot in the prompt: "m" when its output is shown first. */
  private static String modelSlot(RecordedRequest r) {
    String prompt = r.body().at("/messages/1/content").asText();
    int model = prompt.indexOf("MODEL OUTPUT");
    int m = prompt.indexOf("\"model_identifier\": \"M\"");
    return model < m ? "m" : "M";
  }

  @Test
  void alpacaEvalInProcessUsesTheDiscreteVerdictAndAsksAgainOnce() throws Exception {
    Path answers = alpacaAnswers(3);
    // the model wins the first two; the third reply is never a verdict
    upstream.respond("judge-model", r -> r.body().at("/messages/1/content").asText().contains("MODEL OUTPUT 2")
        ? Reply.text("maybe").usage(500, 1) : Reply.text(modelSlot(r)).usage(500, 1));

    JudgeRun run = JudgeRun.judge(env, "--benchmark", "alpaca_eval", "--answers", answers.toString(),
        "--judge", "OpenAI_API/judge-model", "--configs", JudgeRun.configs().toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    assertEquals(4, upstream.calls("judge-model"));
    RecordedRequest first = upstream.requests("judge-model").get(0);
    assertEquals("system", first.body().at("/messages/0/role").asText());
    assertTrue(first.body().at("/messages/0/content").asText().startsWith("You are a highly efficient assistant"));
    assertEquals(1, first.body().get("max_tokens").asInt());
    Path file = tmp.resolve("out/alpaca_eval/model_judgment/OpenAI_API_judge-model/alpaca-model/annotations.json");
    JsonNode records = ai.archon.gateway.support.Json.parse(Files.readString(file));
    assertEquals(3, records.size());
    assertEquals(List.of("instruction", "output_1", "generator_1", "dataset", "output_2", "generator_2", "annotator",
        "preference", "preference_from", "time_per_example", "raw_completion"), ArenaJudgeTest.names(records.get(0)));
    assertEquals("gpt4_1106_preview", records.get(0).get("generator_1").asText());
    assertEquals(2.0, records.get(0).get("preference").asDouble());
    assertEquals("verdict", records.get(1).get("preference_from").asText());
    assertTrue(records.get(2).get("preference").isNull(), "no verdict twice: missing");
    assertTrue(run.stdout.contains("preference: 0 from the judge's top log-probabilities, 2 from its discrete verdict"),
        run.stdout);

    JsonNode m = ArenaJudgeTest.find(JudgeRun.score(env, "--benchmark", "alpaca_eval", "--annotations",
        file.toString()), "alpaca-model");
    assertEquals(100.0, m.get("win_rate").asDouble(), 1e-9);
    assertEquals(2, m.get("n_total").asInt());
  }

  @Test
  void alpacaEvalThroughTheGatewayWeighsTheVerdictByTopLogprobs() throws Exception {
    Path answers = alpacaAnswers(2);
    // P(m) = 0.8, P(M) = 0.2 whatever the order: the model's preference is 1.8 when it is shown first, else 1.2
    String body = "{\"id\": \"x\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"judge-model\","
        + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"m\"}, \"logprobs\":"
        + " {\"content\": [{\"token\": \"m\", \"logprob\": " + Math.log(0.8) + ", \"top_logprobs\": [{\"token\": \"m\","
        + " \"logprob\": " + Math.log(0.8) + "}, {\"token\": \"M\", \"logprob\": " + Math.log(0.2) + "}, {\"token\":"
        + " \"The\", \"logprob\": -9.0}]}]}, \"finish_reason\": \"length\"}], \"usage\": {\"prompt_tokens\": 400,"
        + " \"completion_tokens\": 1, \"total_tokens\": 401}}";
    upstream.respond("judge-model", Reply.raw(200, "application/json", body));
    String gateway = TestGateway.start(fixture.vertx(), JudgeRun.configs(), env).url() + "/v1";

    JudgeRun run = JudgeRun.judge(env, "--benchmark", "alpaca_eval", "--answers", answers.toString(),
        "--judge", "OpenAI_API/judge-model", "--base-url", gateway);

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    RecordedRequest first = upstream.requests("judge-model").get(0);
    assertTrue(first.body().get("logprobs").asBoolean());
    assertEquals(5, first.body().get("top_logprobs").asInt());
    Path file = tmp.resolve("out/alpaca_eval/model_judgment/OpenAI_API_judge-model/alpaca-model/annotations.json");
    JsonNode records = ai.archon.gateway.support.Json.parse(Files.readString(file));
    double sum = 0;
    for (JsonNode r : records) {
      boolean modelFirst = AlpacaJudging.modelFirst(r.get("instruction").asText());
      assertEquals(modelFirst ? 1.8 : 1.2, r.get("preference").asDouble(), 1e-9);
      assertEquals("logprobs", r.get("preference_from").asText());
      sum += r.get("preference").asDouble() - 1;
    }
    assertTrue(run.stdout.contains("preference: 2 from the judge's top log-probabilities"), run.stdout);
    JsonNode m = ArenaJudgeTest.find(JudgeRun.score(env, "--benchmark", "alpaca_eval", "--annotations",
        file.toString()), "alpaca-model");
    assertEquals(100 * sum / 2, m.get("win_rate").asDouble(), 1e-9);
  }

  @Test
  void anUnavailableOfficialJudgePromptExitsWithTwoNamingItsSourceAndTheLocalWays() throws Exception {
    Path answers = JudgeRun.write(tmp.resolve("a.jsonl"), List.of(mtAnswer(81, "a", "b")));
    Map<String, String> offline = new java.util.HashMap<>(env);
    offline.put("ARCHON_BENCHMARK_DIR", tmp.resolve("empty").toString());

    JudgeRun run = JudgeRun.judge(offline, "--benchmark", "mt_bench", "--answers", answers.toString(),
        "--judge", "OpenAI_API/judge-model", "--configs", JudgeRun.configs().toString());

    assertEquals(2, run.exitCode, run.stdout + run.stderr);
    assertTrue(run.stderr.contains("mt-bench/judge/judge_prompts.jsonl"), run.stderr);
    assertTrue(run.stderr.contains("lm-sys/FastChat/0e6d3e4beaab66f4d3f93db72541a4abab8af28d/fastchat/llm_judge/data/"
        + "judge_prompts.jsonl"), run.stderr);
    assertTrue(run.stderr.contains("--judge-prompt FILE"), run.stderr);
    assertEquals(0, upstream.calls());
  }
}

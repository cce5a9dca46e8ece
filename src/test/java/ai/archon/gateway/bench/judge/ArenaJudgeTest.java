package ai.archon.gateway.bench.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench judge} on Arena-Hard against the mock upstream, with a judge scripted by which answer it sees as
 * Assistant A: the official two games per question with the order swapped, the official prompts, a reply without a
 * verdict asked again once and then recorded as missing, {@code --resume}, and {@code bench score} on the result.
 */
class ArenaJudgeTest extends JudgeTestBase {
  /** The first three questions of the official v0.1 set. */
  static final List<String> V01_IDS = List.of("328c149ed45a41c0b9d6f14659e63599", "b43c07656ead4150b360294ee932b410",
      "1f07cf6d146d4038b2b93aaba3935ce0");

  /**
   * Question 1: the model is slightly better in both orders; question 2: a tie twice; question 3: with the model as
   * Assistant A the judge never gives a verdict, with the model as B it is much better.
   */
  private Reply script(RecordedRequest r) {
    JsonNode messages = r.body().get("messages");
    String prompt = messages.get(1).get("content").asText();
    boolean modelIsA = prompt.indexOf("MODEL ANSWER") < prompt.indexOf("BASE ANSWER");
    if (prompt.contains("MODEL ANSWER 2")) return Reply.text("Both equal. My final verdict is tie: [[A=B]]").usage(100, 10);
    if (prompt.contains("MODEL ANSWER 3")) {
      return Reply.text(modelIsA ? "I cannot decide." : "My final verdict is [[B>>A]]").usage(100, 10);
    }
    return Reply.text(modelIsA ? "Verdict: [[A>B]]" : "Verdict: [[B>A]]").usage(100, 10);
  }

  private Path answers(String model, String text) {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < V01_IDS.size(); i++) {
      lines.add("{\"question_id\": \"" + V01_IDS.get(i) + "\", \"answer_id\": \"x\", \"model_id\": \"" + model
          + "\", \"choices\": [{\"index\": 0, \"turns\": [{\"content\": \"" + text + " " + (i + 1)
          + "\", \"token_len\": " + (10 * (i + 1)) + "}]}], \"tstamp\": 1.0}");
    }
    return JudgeRun.write(tmp.resolve("out/arena_hard_v0.1/model_answer/" + model + ".jsonl"), lines);
  }

  @Test
  void v01WritesBothGamesSwappedAsksAgainOnceAndScores() throws Exception {
    upstream.respond("judge-model", this::script);
    Path answers = answers("my-model", "MODEL ANSWER");
    Path baseline = answers("base-model", "BASE ANSWER");
    Path configs = JudgeRun.configs();

    JudgeRun run = JudgeRun.judge(env, "--benchmark", "arena_hard_v0.1", "--answers", answers.toString(),
        "--baseline", baseline.toString(), "--judge", "OpenAI_API/judge-model", "--configs", configs.toString(),
        "--parallel", "2");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    // 3 questions x 2 games, and one game asked again
    assertEquals(7, upstream.calls("judge-model"));
    Path file = tmp.resolve("out/arena_hard_v0.1/model_judgment/OpenAI_API_judge-model/my-model.jsonl");
    List<JsonNode> lines = JudgeRun.lines(file);
    assertEquals(3, lines.size());
    String official = Files.readString(JudgeRun.shared("benchmarks/arena-hard-judge/judge_config.yaml"));
    for (int i = 0; i < 3; i++) {
      JsonNode l = lines.get(i);
      assertEquals(V01_IDS.get(i), l.get("question_id").asText(), "question order");
      assertEquals("my-model", l.get("model").asText());
      assertEquals("OpenAI_API_judge-model", l.get("judge").asText());
      assertEquals("base-model", l.get("baseline").asText());
      assertEquals(2, l.get("games").size());
      String game1 = l.at("/games/0/user_prompt").asText();
      String game2 = l.at("/games/1/user_prompt").asText();
      assertTrue(game1.indexOf("BASE ANSWER") < game1.indexOf("MODEL ANSWER"), "game 1: baseline is A");
      assertTrue(game2.indexOf("MODEL ANSWER") < game2.indexOf("BASE ANSWER"), "game 2: swapped");
      assertTrue(game1.startsWith("<|User Prompt|>\n"), "the official template");
    }
    assertEquals("B>A", lines.get(0).at("/games/0/score").asText());
    assertEquals("A>B", lines.get(0).at("/games/1/score").asText());
    assertEquals("A=B", lines.get(1).at("/games/1/score").asText());
    assertEquals("B>>A", lines.get(2).at("/games/0/score").asText());
    assertTrue(lines.get(2).at("/games/1/score").isNull(), "no verdict twice: missing, not guessed");
    assertEquals("\nI cannot decide.\nI cannot decide.", lines.get(2).at("/games/1/judgment").asText());
    assertTrue(run.stdout.contains("1 replies without one were asked again; 1 still without one"), run.stdout);
    assertTrue(run.stdout.contains("judge tokens: prompt 700, completion 70"), run.stdout);
    assertTrue(run.stdout.contains("judge cost: unknown"), run.stdout);

    // the system prompt is the official one, and the second ask continues the conversation
    RecordedRequest first = upstream.requests("judge-model").get(0);
    assertTrue(official.contains(first.body().at("/messages/0/content").asText().substring(0, 60)));
    assertEquals(0.0, first.body().get("temperature").asDouble());
    assertEquals(4096, first.body().get("max_tokens").asInt());
    RecordedRequest again = upstream.requests("judge-model").stream()
        .filter(r -> r.body().get("messages").size() == 4).findFirst().orElseThrow();
    assertEquals("assistant", again.body().at("/messages/2/role").asText());
    assertEquals(ArenaJudging.FOLLOW_UP, again.body().at("/messages/3/content").asText());

    // closed form 100 (W + T/2) / N: wins 1 + 1 + 3 (strong), ties 2, one game dropped: 100 * 6 / 7
    JsonNode scores = JudgeRun.score(env, "--benchmark", "arena_hard_v0.1", "--judgments", file.getParent().toString());
    JsonNode mine = find(scores, "my-model");
    assertEquals(100.0 * 6 / 7, mine.get("score").asDouble(), 1e-6);
    assertEquals(20, mine.get("avg_tokens").asInt());

    // --resume asks nothing again
    String before = Files.readString(file);
    JudgeRun resumed = JudgeRun.judge(env, "--benchmark", "arena_hard_v0.1", "--answers", answers.toString(),
        "--baseline", baseline.toString(), "--judge", "OpenAI_API/judge-model", "--configs", configs.toString(),
        "--resume");
    assertEquals(0, resumed.exitCode, resumed.stdout + resumed.stderr);
    assertEquals(7, upstream.calls("judge-model"));
    assertEquals(before, Files.readString(file));
    assertTrue(resumed.stdout.contains("0 made now, 3 kept from before"), resumed.stdout);
  }

  @Test
  void v20UsesTheCategorysSystemPromptAndTheV2Format() throws Exception {
    upstream.respond("judge-model", r -> Reply.text("[[A>B]] is my verdict: [b>a]").usage(5, 5));
    String hard = "2edbb5f36f5b42be";
    String creative = "d657b1fb82b141da";
    Path answers = JudgeRun.write(tmp.resolve("out/arena_hard_v2.0/model_answer/m2.jsonl"), List.of(
        v2Answer(hard, "org/m2", "MODEL ANSWER 1"), v2Answer(creative, "org/m2", "MODEL ANSWER 2")));
    // a folder like the official model_answer/: each category is judged against the baseline its settings name
    Path baseline = tmp.resolve("baselines");
    JudgeRun.write(baseline.resolve("o3-mini-2025-01-31.jsonl"), List.of(v2Answer(hard, "o3-mini-2025-01-31", "B1")));
    JudgeRun.write(baseline.resolve("writer-base.jsonl"), List.of(v2Answer(creative, "writer-base", "B2")));
    // judge_utils.py's shape, with our own words (the official file is not in the shared folder)
    Path prompts = JudgeRun.write(tmp.resolve("judge_utils.py"), List.of(
        "HARD = \"hard judge\\nline two\"", "",
        "JUDGE_SETTINGS = {",
        "    \"hard_prompt\": {\"baseline\": \"o3-mini-2025-01-31\", \"system_prompt\": HARD},",
        "    \"creative_writing\": {\"baseline\": \"writer-base\", \"system_prompt\": \"creative \\\"judge\\\"\"},",
        "}"));

    JudgeRun run = JudgeRun.judge(env, "--benchmark", "arena_hard_v2.0", "--answers", answers.toString(),
        "--baseline", baseline.toString(), "--judge", "OpenAI_API/judge-model", "--configs",
        JudgeRun.configs().toString(), "--judge-prompt", prompts.toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    Path file = tmp.resolve("out/arena_hard_v2.0/model_judgment/OpenAI_API_judge-model/org/m2.jsonl");
    List<JsonNode> lines = JudgeRun.lines(file);
    assertEquals(List.of(hard, creative), lines.stream().map(l -> l.get("uid").asText()).toList());
    JsonNode l = lines.get(0);
    assertEquals(List.of("uid", "category", "judge", "model", "baseline", "games"), names(l));
    assertEquals("hard_prompt", l.get("category").asText());
    assertEquals("o3-mini-2025-01-31", l.get("baseline").asText());
    assertEquals("writer-base", lines.get(1).get("baseline").asText());
    // v2.0 takes the last label of the first pattern that matches, on the upper-cased judgment
    assertEquals("A>B", l.at("/games/0/score").asText());
    assertEquals("hard judge\nline two", l.at("/games/0/prompt/0/content").asText());
    assertEquals("creative \"judge\"", lines.get(1).at("/games/1/prompt/0/content").asText());
    assertTrue(l.at("/games/0/prompt/1/content").asText().contains("<|The Start of Assistant A's Answer|>\nB1\n"));
    assertTrue(l.at("/games/1/prompt/1/content").asText().contains("<|The Start of Assistant A's Answer|>\nMODEL ANSWER 1"));
    assertEquals("[[A>B]] is my verdict: [b>a]", l.at("/games/0/judgment/answer").asText());
    // A>B in both orders: one win and one loss per question, 50 (scored per baseline, as the official per-category tables)
    JsonNode scores = JudgeRun.score(env, "--benchmark", "arena_hard_v2.0", "--judgments", file.toString(),
        "--baseline", "o3-mini-2025-01-31");
    assertEquals(50.0, find(scores, "m2").get("score").asDouble(), 1e-6);
  }

  private static String v2Answer(String uid, String model, String text) {
    return "{\"uid\": \"" + uid + "\", \"ans_id\": \"x\", \"model\": \"" + model + "\", \"messages\": [{\"role\": "
        + "\"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": {\"answer\": \"" + text + "\"}}], "
        + "\"tstamp\": 1.0, \"metadata\": {\"token_len\": 3}}";
  }

  static JsonNode find(JsonNode models, String name) {
    for (JsonNode m : models) if (m.get("model").asText().equals(name)) return m;
    throw new AssertionError("no " + name + " in " + models);
  }

  static List<String> names(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}

package ai.archon.gateway.bench;

import static ai.archon.gateway.bench.BenchRun.assertSameShape;
import static ai.archon.gateway.bench.BenchRun.assertShortUuid;
import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MT-Bench through the gateway over HTTP and in process, against the scripted mock upstream. */
class MtBenchTest {
  /** The fixture: one question per MT-Bench category, ids 1 to 8, written for these tests. */
  private static final String QUESTIONS = "bench/mt_bench_questions.jsonl";
  private static final Map<String, Double> EXPECTED_TEMPERATURE = Map.of("writing", 0.7, "roleplay", 0.7,
      "reasoning", 0.0, "math", 0.0, "coding", 0.0, "extraction", 0.0, "stem", 0.1, "humanities", 0.1,
      "general", 0.7);

  @TempDir Path tmp;
  private MockedGateway gw;

  @BeforeEach
  void start() {
    gw = MockedGateway.start("solo", layer(component("generator", "gen", "OpenAI_API", "\"temperature\":0.9")));
    gw.upstream.respond("gen", r -> Reply.text("ans[" + r.lastUserText() + "]").usage(10, 5));
  }

  @AfterEach
  void stop() {
    gw.stop();
  }

  @Test
  void overHttpWritesFastChatAnswersBothTurnsInOneConversationAtCategoryTemperatures() {
    StringBuilder file = new StringBuilder(BenchRun.resource(QUESTIONS));
    // and one of a category FastChat does not list
    file.append("{\"question_id\": 999, \"category\": \"general\", \"turns\": [\"first?\", \"second?\"]}\n");
    Path questions = BenchRun.write(tmp, "q.jsonl", file.toString());
    double before = System.currentTimeMillis() / 1000.0;

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "mt_bench", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions.toString(), "--output-dir", tmp.resolve("out").toString(), "--parallel", "4");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("out/mt_bench/model_answer/solo.jsonl"));
    assertEquals(9, answers.size());
    JsonNode example = Json.parse(BenchRun.resource("bench/mt_bench_answer.jsonl"));
    List<JsonNode> asked = BenchRun.jsonLines(questions);
    for (int i = 0; i < answers.size(); i++) {
      JsonNode a = answers.get(i);
      JsonNode q = asked.get(i);
      assertSameShape(example, a, "answer " + q.get("question_id"));
      assertEquals(q.get("question_id"), a.get("question_id"), "set order");
      assertShortUuid(a.get("answer_id"));
      assertEquals("solo", a.get("model_id").asText());
      assertEquals(0, a.at("/choices/0/index").asInt());
      String t1 = q.at("/turns/0").asText();
      String t2 = q.at("/turns/1").asText();
      assertEquals("ans[" + t1 + "]", a.at("/choices/0/turns/0").asText());
      assertEquals("ans[" + t2 + "]", a.at("/choices/0/turns/1").asText());
      double tstamp = a.get("tstamp").asDouble();
      assertTrue(tstamp >= before - 1 && tstamp <= System.currentTimeMillis() / 1000.0 + 1, "tstamp " + tstamp);

      // Turn 2 is asked in the same conversation, after the model's own turn-1 answer.
      RecordedRequest second = requestEndingWith(t2);
      JsonNode messages = second.body().get("messages");
      assertEquals(3, messages.size());
      assertEquals(List.of("user", "assistant", "user"), roles(messages));
      assertEquals(t1, messages.at("/0/content").asText());
      assertEquals("ans[" + t1 + "]", messages.at("/1/content").asText());
      assertEquals(t2, messages.at("/2/content").asText());
      double temperature = EXPECTED_TEMPERATURE.get(q.get("category").asText());
      for (RecordedRequest r : List.of(requestEndingWith(t1), second)) {
        assertEquals(temperature, r.body().get("temperature").asDouble(), 1e-9, "temperature for " + q.get("category"));
        assertEquals(1024, r.body().get("max_tokens").asInt());
      }
    }
    assertEquals(18, gw.upstream.calls("gen"));
    assertTrue(run.stdout.contains("9 questions, 9 answered now, 0 kept from before, 0 failed"), run.stdout);
    assertTrue(run.stdout.contains("tokens: prompt 180, completion 90, total 270; upstream calls 18"), run.stdout);
    assertTrue(run.stdout.contains("cost: unknown"), "the gateway has no price for gen: " + run.stdout);
    assertTrue(run.stdout.matches("(?s).*p50 \\d+ ms, p95 \\d+ ms.*"), run.stdout);
    assertTrue(run.stderr.contains("bench: 9/9  failed 0"), run.stderr);
  }

  @Test
  void inProcessRunsThePipelineWithTheSameFormatAndCounts() throws Exception {
    // The configs folder's gateway.json is the in-process run's settings: its price gives the summary a cost.
    Path settings = gw.configs.resolve("gateway.json");
    java.nio.file.Files.writeString(settings, "{\"price_per_mtok\":{\"OpenAI_API/gen\":{\"input\":1.0,\"output\":2.0}}}");
    BenchRun run;
    try {
      run = BenchRun.run(gw.env, "--benchmark", "mt_bench", "--model", "solo", "--configs", gw.configs.toString(),
          "--questions", questions(), "--output-dir", tmp.toString(), "--limit", "2");
    } finally {
      java.nio.file.Files.delete(settings);
    }

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("mt_bench/model_answer/solo.jsonl"));
    assertEquals(List.of(1, 2), answers.stream().map(a -> a.get("question_id").asInt()).toList());
    JsonNode example = Json.parse(BenchRun.resource("bench/mt_bench_answer.jsonl"));
    answers.forEach(a -> assertSameShape(example, a, "answer"));
    assertEquals(4, gw.upstream.calls("gen"));
    for (RecordedRequest r : gw.upstream.requests("gen")) {
      assertEquals(0.7, r.body().get("temperature").asDouble(), 1e-9, "writing, roleplay override the config's 0.9");
      assertEquals(1024, r.body().get("max_tokens").asInt());
    }
    JsonNode second = gw.upstream.requests("gen").stream().filter(r -> r.body().get("messages").size() == 3)
        .findFirst().orElseThrow().body().get("messages");
    assertEquals(List.of("user", "assistant", "user"), roles(second));
    assertTrue(run.stdout.contains("tokens: prompt 40, completion 20, total 60; upstream calls 4"), run.stdout + run.stderr);
    assertTrue(run.stdout.contains("cost: $0.000080"), "(40 x $1 + 20 x $2) per million: " + run.stdout);
  }

  @Test
  void resumeAfterAKilledRunAnswersOnlyTheRest() throws Exception {
    String[] firstTwo = {"--benchmark", "mt_bench", "--model", "solo", "--base-url", gw.baseUrl, "--questions",
        questions(), "--output-dir", tmp.toString(), "--limit", "2"};
    assertEquals(0, BenchRun.run(gw.env, firstTwo).exitCode);
    Path file = tmp.resolve("mt_bench/model_answer/solo.jsonl");
    List<String> kept = BenchRun.lines(file);
    // A kill in the middle of writing the third answer leaves a torn last line.
    Files.writeString(file, String.join("\n", kept) + "\n{\"question_id\": 3, \"answer_id\": \"abc\", \"mod");
    gw.upstream.clear();

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "mt_bench", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions(), "--output-dir", tmp.toString(), "--limit", "5", "--resume");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    assertEquals(6, gw.upstream.calls("gen"), "questions 3-5 only, two turns each");
    List<String> lines = BenchRun.lines(file);
    assertEquals(5, lines.size());
    assertEquals(kept, lines.subList(0, 2), "answers from the killed run are kept byte for byte");
    assertEquals(List.of(1, 2, 3, 4, 5), BenchRun.jsonLines(file).stream().map(a -> a.get("question_id").asInt())
        .toList());
    assertTrue(run.stdout.contains("5 questions, 3 answered now, 2 kept from before, 0 failed"), run.stdout);
  }

  @Test
  void withoutResumeAnEarlierFileIsReplaced() {
    String[] args = {"--benchmark", "mt_bench", "--model", "solo", "--base-url", gw.baseUrl, "--questions", questions(),
        "--output-dir", tmp.toString(), "--limit", "1"};
    assertEquals(0, BenchRun.run(gw.env, args).exitCode);
    assertEquals(0, BenchRun.run(gw.env, args).exitCode);
    assertEquals(1, BenchRun.lines(tmp.resolve("mt_bench/model_answer/solo.jsonl")).size());
    assertEquals(4, gw.upstream.calls("gen"));
  }

  private RecordedRequest requestEndingWith(String userText) {
    List<RecordedRequest> found = gw.upstream.requests("gen").stream()
        .filter(r -> userText.equals(r.lastUserText())).toList();
    assertEquals(1, found.size(), "one request ends with " + userText);
    return found.get(0);
  }

  private static List<String> roles(JsonNode messages) {
    return java.util.stream.StreamSupport.stream(messages.spliterator(), false).map(m -> m.get("role").asText())
        .toList();
  }

  private String questions() {
    return BenchRun.write(tmp, "mt_bench_questions.jsonl", BenchRun.resource(QUESTIONS)).toString();
  }
}

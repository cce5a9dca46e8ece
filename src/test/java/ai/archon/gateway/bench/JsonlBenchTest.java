package ai.archon.gateway.bench;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Your own JSONL benchmark; a failing question; a single model straight from a provider, in process or over HTTP. */
class JsonlBenchTest {
  private static final String QUESTIONS = String.join("\n",
      "{\"id\": 1, \"prompt\": \"one\"}",
      "{\"id\": \"b\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"}, {\"role\": \"user\", "
          + "\"content\": \"two\"}], \"temperature\": 0.3, \"max_tokens\": 50}",
      "{\"id\": 3, \"prompt\": \"boom\"}",
      "{\"id\": 4, \"prompt\": \"four\"}", "");

  @TempDir Path tmp;
  private MockedGateway gw;

  @BeforeEach
  void start() {
    gw = MockedGateway.start("duo",
        layer(component("generator", "gen-a", "OpenAI_API", null), component("generator", "gen-b", "OpenAI_API", null)),
        layer(component("fuser", "fuse", "OpenAI_API", null)));
    gw.upstream.respondDefault(r -> Reply.text("re:" + r.lastUserText()).usage(7, 3));
  }

  @AfterEach
  void stop() {
    gw.stop();
  }

  @Test
  void ensembleOverHttpWritesIdModelOutputUsageLatencyAndCountsUpstreamCalls() {
    Path questions = BenchRun.write(tmp, "mine.jsonl", QUESTIONS);

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "jsonl", "--model", "duo", "--base-url", gw.baseUrl, "--questions",
        questions.toString(), "--output-dir", tmp.toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("jsonl/model_answer/duo.jsonl"));
    assertEquals(4, answers.size());
    JsonNode first = answers.get(0);
    assertEquals(List.of("id", "model", "output", "usage", "latency_ms"), BenchRun.names(first));
    assertEquals(1, first.get("id").asInt());
    assertTrue(first.get("id").isInt(), "ids keep their JSON type");
    assertEquals("duo", first.get("model").asText());
    assertTrue(first.get("output").asText().startsWith("re:"), first.toString());
    assertEquals(Json.parse("{\"prompt_tokens\": 21, \"completion_tokens\": 9, \"total_tokens\": 30}"),
        first.get("usage"), "two generators and a fuser");
    assertTrue(first.get("latency_ms").isIntegralNumber() && first.get("latency_ms").asLong() >= 0);
    assertEquals("b", answers.get(1).get("id").asText());
    RecordedRequest b = gw.upstream.requests("gen-a").stream().filter(r -> "two".equals(r.lastUserText())).findFirst()
        .orElseThrow();
    assertEquals("be brief", b.body().at("/messages/0/content").asText());
    assertEquals(0.3, b.body().get("temperature").asDouble(), 1e-9, "per-line temperature");
    assertTrue(run.stdout.contains("upstream calls 12"), "archon.upstream_calls from the trace: " + run.stdout);
  }

  @Test
  void aFailingQuestionIsRetriedThenReportedWithoutLosingTheOthersAndResumeDoesOnlyIt() {
    Path questions = BenchRun.write(tmp, "mine.jsonl", QUESTIONS);
    gw.upstream.respond("m", r -> "boom".equals(r.lastUserText()) ? Reply.status(400).message("bad prompt")
        : Reply.text("re:" + r.lastUserText()).usage(7, 3));
    // Straight at the mock: any OpenAI-compatible endpoint works, and each call is one gw.upstream call.
    String[] args = {"--benchmark", "jsonl", "--model", "m", "--base-url", gw.upstream.openAiBaseUrl(), "--api-key",
        "sk-bench", "--questions", questions.toString(), "--output-dir", tmp.toString(), "--parallel", "2"};

    BenchRun run = BenchRun.run(gw.env, args);

    assertEquals(1, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("jsonl/model_answer/m.jsonl"));
    assertEquals(List.of("1", "b", "4"), answers.stream().map(a -> a.get("id").asText()).toList());
    long boomCalls = gw.upstream.requests("m").stream().filter(r -> "boom".equals(r.lastUserText())).count();
    assertEquals(BenchCommand.ATTEMPTS, boomCalls, "tried, then retried twice");
    assertTrue(run.stdout.contains("4 questions, 3 answered now, 0 kept from before, 1 failed"), run.stdout);
    assertTrue(run.stdout.contains("failed: 3: HTTP 400: bad prompt"), run.stdout);
    assertTrue(run.stdout.contains("upstream calls 3"), run.stdout);
    assertEquals("Bearer sk-bench", gw.upstream.requests("m").get(0).header("authorization"));

    gw.upstream.respond("m", r -> Reply.text("re:" + r.lastUserText()));
    gw.upstream.clear();
    String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
    resume[args.length] = "--resume";
    BenchRun again = BenchRun.run(gw.env, resume);

    assertEquals(0, again.exitCode, again.stdout + again.stderr);
    assertEquals(1, gw.upstream.calls("m"), "only the failed question");
    assertEquals(List.of("1", "b", "3", "4"), BenchRun.jsonLines(tmp.resolve("jsonl/model_answer/m.jsonl")).stream()
        .map(a -> a.get("id").asText()).toList());
  }

  @Test
  void inProcessSingleModelByModelTypeGetsASafeFileName() {
    Path questions = BenchRun.write(tmp, "mine.jsonl", "{\"id\": 1, \"prompt\": \"hello\"}\n");

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "jsonl", "--model", "OpenAI_API/gpt-solo", "--configs",
        gw.configs.toString(), "--questions", questions.toString(), "--output-dir", tmp.toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("jsonl/model_answer/OpenAI_API_gpt-solo.jsonl"));
    assertEquals("OpenAI_API_gpt-solo", answers.get(0).get("model").asText(), "the model id equals the file name");
    assertEquals("re:hello", answers.get(0).get("output").asText());
    assertEquals(1, gw.upstream.calls("gpt-solo"));
  }
}

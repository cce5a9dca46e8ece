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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arena-Hard v0.1 and v2.0 answer files against answer lines in the official schemas (fixtures written for these
 * tests, with token counts from js-tiktoken): the mock answers with the fixture's text, and the written line must
 * match it in schema and in every derived value (token counts with the right BPE, markdown counts).
 */
class ArenaHardTest {
  @TempDir Path tmp;
  private MockedGateway gw;

  @BeforeEach
  void start() {
    gw = MockedGateway.start("solo", layer(component("generator", "gen", "OpenAI_API", null)));
  }

  @AfterEach
  void stop() {
    gw.stop();
  }

  @Test
  void v01InProcessWritesTheOriginalPipelinesFormatWithCl100kCountsAndStyleMetadata() {
    JsonNode example = Json.parse(BenchRun.resource("bench/arena_hard_v0.1_answer.jsonl"));
    String official = example.at("/choices/0/turns/0/content").asText();
    gw.upstream.respond("gen", Reply.text(official));
    Path questions = BenchRun.write(tmp, "q.jsonl", question("328c149ed45a41c0b9d6f14659e63599", "Say hello.")
        + question("b43c07656ead4150b360294ee932b410", "Say goodbye.") + question("ffff", "Not asked."));

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "arena_hard_v0.1", "--model", "solo", "--configs",
        gw.configs.toString(), "--questions", questions.toString(), "--output-dir", tmp.toString(), "--limit", "2");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    List<JsonNode> answers = BenchRun.jsonLines(tmp.resolve("arena_hard_v0.1/model_answer/solo.jsonl"));
    assertEquals(List.of("328c149ed45a41c0b9d6f14659e63599", "b43c07656ead4150b360294ee932b410"),
        answers.stream().map(a -> a.get("question_id").asText()).toList(), "the set's first two, in order");
    for (JsonNode a : answers) {
      ObjectNode withoutStyle = ((ObjectNode) a.deepCopy());
      JsonNode meta = withoutStyle.remove("conv_metadata");
      assertSameShape(example, withoutStyle, "answer");
      assertEquals(List.of("question_id", "answer_id", "model_id", "choices", "tstamp", "conv_metadata"),
          BenchRun.names(a));
      assertShortUuid(a.get("answer_id"));
      assertEquals("solo", a.get("model_id").asText());
      assertEquals(example.at("/choices/0/turns/0"), a.at("/choices/0/turns/0"), "content and cl100k token_len 86");
      assertEquals(Json.parse("{\"token_len\": 86, \"header_count\": {\"h1\": 0, \"h2\": 0, \"h3\": 0, \"h4\": 0, "
          + "\"h5\": 0, \"h6\": 0}, \"list_count\": {\"ordered\": 4, \"unordered\": 0}, \"bold_count\": {\"**\": 0, "
          + "\"__\": 0}}"), meta);
      assertEquals(List.of("token_len", "header_count", "list_count", "bold_count"), BenchRun.names(meta));
    }
    for (RecordedRequest r : gw.upstream.requests("gen")) {
      assertEquals(0.0, r.body().get("temperature").asDouble(), "gen_answer_config.yaml: temperature 0.0");
      assertEquals(4096, r.body().get("max_tokens").asInt());
    }
  }

  @Test
  void v20OverHttpMatchesTheOfficialLineExceptIdsModelAndTime() throws Exception {
    JsonNode example = Json.parse(BenchRun.resource("bench/arena_hard_v2.0_answer.jsonl"));
    String prompt = example.at("/messages/0/content").asText();
    String official = example.at("/messages/1/content/answer").asText();
    ObjectNode q1 = Json.MAPPER.createObjectNode().put("uid", "0123456789abcdef").put("category", "hard_prompt")
        .put("subcategory", "coding").put("prompt", prompt);
    ObjectNode q2 = Json.MAPPER.createObjectNode().put("uid", "0001b527ced3428d").put("category", "hard_prompt")
        .put("subcategory", "math").put("prompt", "Phương trình chuyển động");
    Path questions = BenchRun.write(tmp, "q.jsonl", q1 + "\n" + q2 + "\n");
    gw.upstream.respond("gen", r -> Reply.text(r.lastUserText().equals(prompt) ? official : "Xin chào — **ünïcode**"));

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "arena_hard_v2.0", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions.toString(), "--output-dir", tmp.toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    Path file = tmp.resolve("arena_hard_v2.0/model_answer/solo.jsonl");
    List<JsonNode> answers = BenchRun.jsonLines(file);
    JsonNode a = answers.get(0);
    assertSameShape(example, a, "answer");
    assertShortUuid(a.get("ans_id"));
    assertEquals("solo", a.get("model").asText());
    for (String same : List.of("uid", "messages", "metadata")) {
      assertEquals(example.get(same), a.get(same), same + " as in the fixture (o200k token_len 101)");
    }
    JsonNode other = answers.get(1);
    assertEquals("0001b527ced3428d", other.get("uid").asText());
    assertEquals(1, other.at("/metadata/bold_count/**").asInt());
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains("Xin chào — **ünïcode**") && text.contains("Phương trình"), "raw UTF-8 (ensure_ascii=False)");
    for (RecordedRequest r : gw.upstream.requests("gen")) {
      assertTrue(r.body().path("temperature").isMissingNode() || r.body().get("temperature").isNull(),
          "v2.0 leaves temperature to the model");
    }
  }

  @Test
  void v01EscapesNonAsciiAsTheOfficialWriterDoes() throws Exception {
    Path questions = BenchRun.write(tmp, "q.jsonl",
        "{\"question_id\": \"q1\", \"category\": \"arena-hard-v0.1\", \"cluster\": \"c\", \"turns\": [{\"content\": \"hi\"}]}\n");
    gw.upstream.respond("gen", Reply.text("Grüße"));

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "arena_hard_v0.1", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions.toString(), "--output-dir", tmp.toString());

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    Path file = tmp.resolve("arena_hard_v0.1/model_answer/solo.jsonl");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.chars().allMatch(c -> c < 128), text);
    assertEquals("Grüße", BenchRun.jsonLines(file).get(0).at("/choices/0/turns/0/content").asText());
  }

  private static String question(String id, String prompt) {
    return "{\"question_id\": \"" + id + "\", \"category\": \"arena-hard-v0.1\", \"cluster\": \"c\", \"turns\": "
        + "[{\"content\": \"" + prompt + "\"}]}\n";
  }
}

package ai.archon.gateway.bench;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AlpacaEval 2.0 model outputs from the official array or JSON lines, in eval-set order, instructions untouched. */
class AlpacaEvalTest {
  @TempDir Path tmp;
  private MockedGateway gw;

  @BeforeEach
  void start() {
    gw = MockedGateway.start("solo", layer(component("generator", "gen", "OpenAI_API", null)));
    // The first question answers last, so finishing order differs from set order.
    gw.upstream.respond("gen", r -> Reply.text("out:" + r.lastUserText().strip())
        .delayMs(r.lastUserText().startsWith("Which three colours") ? 300 : 0));
  }

  @AfterEach
  void stop() {
    gw.stop();
  }

  @Test
  void officialArrayInputGivesOneArrayInSetOrderWithInstructionsByteIdentical() throws Exception {
    Path questions = BenchRun.write(tmp, "alpaca_eval.json", BenchRun.resource("bench/alpaca_eval_sample.json"));
    assertOutputs(questions);
  }

  @Test
  void jsonLinesInputGivesTheSameArray() throws Exception {
    Path questions = BenchRun.write(tmp, "alpaca_eval.jsonl", BenchRun.resource("bench/alpaca_eval_sample.jsonl"));
    assertOutputs(questions);
  }

  private void assertOutputs(Path questions) throws Exception {
    BenchRun run = BenchRun.run(gw.env, "--benchmark", "alpaca_eval", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions.toString(), "--output-dir", tmp.toString(), "--parallel", "4");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    Path file = tmp.resolve("alpaca_eval/model_answer/solo.json");
    JsonNode outputs = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    List<JsonNode> set = BenchRun.resource("bench/alpaca_eval_sample.jsonl").lines().map(Json::parse).toList();
    assertTrue(outputs.isArray());
    assertEquals(set.size(), outputs.size());
    for (int i = 0; i < set.size(); i++) {
      JsonNode o = outputs.get(i);
      assertEquals(List.of("instruction", "output", "generator", "dataset"), BenchRun.names(o));
      String instruction = set.get(i).get("instruction").asText();
      assertEquals(instruction, o.get("instruction").asText(), "byte-identical instruction " + i);
      assertEquals("out:" + instruction.strip(), o.get("output").asText());
      assertEquals("solo", o.get("generator").asText());
      assertEquals(set.get(i).get("dataset"), o.get("dataset"));
    }
    assertTrue(outputs.get(2).get("instruction").asText().endsWith(" "), "sample keeps a trailing space");
    assertTrue(outputs.get(3).get("instruction").asText().endsWith("\n"), "sample keeps a trailing newline");
    assertEquals(4, gw.upstream.calls("gen"));
  }

  @Test
  void resumeReadsTheProgressFileAndTheArrayHoldsEverything() {
    Path questions = BenchRun.write(tmp, "alpaca_eval.jsonl", BenchRun.resource("bench/alpaca_eval_sample.jsonl"));
    String[] firstTwo = {"--benchmark", "alpaca_eval", "--model", "solo", "--base-url", gw.baseUrl, "--questions",
        questions.toString(), "--output-dir", tmp.toString(), "--limit", "2"};
    assertEquals(0, BenchRun.run(gw.env, firstTwo).exitCode);
    assertEquals(2, Json.parse(read(tmp.resolve("alpaca_eval/model_answer/solo.json"))).size(), "array after each run");
    assertEquals(2, BenchRun.lines(tmp.resolve("alpaca_eval/model_answer/solo.progress.jsonl")).size());

    BenchRun run = BenchRun.run(gw.env, "--benchmark", "alpaca_eval", "--model", "solo", "--base-url", gw.baseUrl,
        "--questions", questions.toString(), "--output-dir", tmp.toString(), "--resume");

    assertEquals(0, run.exitCode, run.stdout + run.stderr);
    assertEquals(4, gw.upstream.calls("gen"), "2 in the first run, only the other 2 in the second");
    JsonNode outputs = Json.parse(read(tmp.resolve("alpaca_eval/model_answer/solo.json")));
    assertEquals(4, outputs.size());
    assertTrue(outputs.get(0).get("instruction").asText().startsWith("Which three colours"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

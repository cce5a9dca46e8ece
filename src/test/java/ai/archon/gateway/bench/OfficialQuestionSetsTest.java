package ai.archon.gateway.bench;

import static ai.archon.gateway.bench.BenchRun.assertSameShape;
import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official question sets: the pinned checksums match the shared copies, {@code bench} runs from
 * {@code ARCHON_BENCHMARK_DIR} without --questions, and with no network and no cache it stops with the clear error.
 */
class OfficialQuestionSetsTest {
  @TempDir Path tmp;

  @Test
  void pinnedSetsMatchTheSharedCopiesAndHaveTheirKnownSizes() {
    PinnedFiles shared = sharedOnly();
    List<Question> mt = new MtBench().read(shared.locate(QuestionSets.MT_BENCH, null));
    assertEquals(80, mt.size());
    assertTrue(mt.stream().allMatch(q -> q.source().get("turns").size() == 2));
    assertEquals(500, new ArenaHardV01().read(shared.locate(QuestionSets.ARENA_HARD_V01, null)).size());
    List<Question> v2 = new ArenaHardV2().read(shared.locate(QuestionSets.ARENA_HARD_V20, null));
    assertEquals(750, v2.size());
    assertEquals("2edbb5f36f5b42be", v2.get(0).key());
    assertEquals(805, new AlpacaEval().read(shared.locate(QuestionSets.ALPACA_EVAL, null)).size());
  }

  @Test
  void theWrittenAnswerFixtureHasTheOfficialMtBenchShape() throws IOException {
    Path official = SharedData.path("benchmarks/mt-bench/reference_answer/gpt-4.jsonl");
    JsonNode line = Json.parse(Files.readAllLines(official, StandardCharsets.UTF_8).get(0));
    assertSameShape(line, Json.parse(BenchRun.resource("bench/mt_bench_answer.jsonl")), "fixture");
  }

  @Test
  void mtBenchRunsFromArchonBenchmarkDirWithoutQuestions() throws IOException {
    MockedGateway gw = MockedGateway.start("solo", layer(component("generator", "gen", "OpenAI_API", null)));
    try {
      gw.upstream.respond("gen", Reply.text("ok"));
      Map<String, String> env = new HashMap<>(gw.env);
      env.put(PinnedFiles.DIR_ENV, SharedData.path("benchmarks").toString());
      env.put(PinnedFiles.CACHE_ENV, tmp.resolve("cache").toString());
      env.put(PinnedFiles.BASE_URL_ENV, "http://127.0.0.1:" + PinnedFilesTest.closedPort());

      BenchRun run = BenchRun.run(env, "--benchmark", "mt_bench", "--model", "solo", "--base-url", gw.baseUrl,
          "--output-dir", tmp.toString(), "--limit", "2");

      assertEquals(0, run.exitCode, run.stdout + run.stderr);
      assertEquals(List.of(81, 82), BenchRun.jsonLines(tmp.resolve("mt_bench/model_answer/solo.jsonl")).stream()
          .map(a -> a.get("question_id").asInt()).toList(), "the official set's first two");
      assertEquals(4, gw.upstream.calls("gen"));
      assertTrue(Files.notExists(tmp.resolve("cache")), "nothing downloaded or cached");
    } finally {
      gw.stop();
    }
  }

  @Test
  void withNoNetworkAndNoCacheBenchStopsWithTheClearError() throws IOException {
    String base = "http://127.0.0.1:" + PinnedFilesTest.closedPort();
    Map<String, String> env = Map.of(PinnedFiles.CACHE_ENV, tmp.resolve("empty-cache").toString(),
        PinnedFiles.BASE_URL_ENV, base);

    BenchRun run = BenchRun.run(env, "--benchmark", "mt_bench", "--model", "m", "--base-url", "http://127.0.0.1:9/v1",
        "--output-dir", tmp.toString());

    assertEquals(2, run.exitCode);
    assertTrue(run.stderr.contains("bench: cannot get mt-bench/question.jsonl from " + base + "/lm-sys/FastChat/"
        + "0e6d3e4beaab66f4d3f93db72541a4abab8af28d/fastchat/llm_judge/data/mt_bench/question.jsonl"), run.stderr);
    assertTrue(run.stderr.contains("pass a local copy: --questions FILE, or ARCHON_BENCHMARK_DIR=DIR with the file at "
        + "DIR/mt-bench/question.jsonl"), run.stderr);
    assertTrue(Files.notExists(tmp.resolve("mt_bench")), "no answer file started");
  }

  @Test
  void alpacaEvalsErrorStatesItsNonCommercialLicence() throws IOException {
    Map<String, String> env = Map.of(PinnedFiles.CACHE_ENV, tmp.resolve("empty-cache").toString(),
        PinnedFiles.BASE_URL_ENV, "http://127.0.0.1:" + PinnedFilesTest.closedPort());

    BenchRun run = BenchRun.run(env, "--benchmark", "alpaca_eval", "--model", "m", "--base-url",
        "http://127.0.0.1:9/v1", "--output-dir", tmp.toString());

    assertEquals(2, run.exitCode);
    assertTrue(run.stderr.contains("/tatsu-lab/alpaca_eval/cd543a149df89434d8a54582c0151c0b945c3d20/results/"
        + "gpt4_1106_preview/model_outputs.json"), run.stderr);
    assertTrue(run.stderr.contains("CC BY-NC 4.0: non-commercial use only"), run.stderr);
  }

  /** Only the shared folder: a download attempt would fail at once (nothing listens on the port). */
  private PinnedFiles sharedOnly() {
    try {
      return new PinnedFiles(SharedData.path("benchmarks"), tmp.resolve("cache"),
          "http://127.0.0.1:" + PinnedFilesTest.closedPort(), new PrintStream(new ByteArrayOutputStream(), true,
              StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

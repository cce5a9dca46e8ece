package ai.archon.gateway.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each input kind is recognised by its content and read into the numbers the page shows. */
class ReportInputsTest {
  @TempDir Path tmp;

  @Test
  void scoreResultsAreRecognisedAndOrderedByBenchmark() {
    ReportInputs in = ReportInputs.read(List.of(ReportFixtures.mtBenchScores(tmp), ReportFixtures.alpacaScores(tmp),
        ReportFixtures.arenaHardScores(tmp)));

    assertEquals(List.of("alpaca_eval", "arena_hard_v2.0", "mt_bench"),
        in.scores().stream().map(ScoreResult::benchmark).toList());
    assertTrue(in.answers().isEmpty());
    ScoreResult alpaca = in.scores().get(0);
    assertEquals(List.of("gpt-4o", "archon-70b", ReportFixtures.HOSTILE),
        alpaca.ranked().stream().map(m -> m.get("model").textValue()).toList(), "by LC win rate, not raw win rate");
    assertEquals(List.of("writing", "roleplay", "reasoning", "math", "coding", "extraction", "stem", "humanities"),
        in.scores().get(2).categories());
  }

  @Test
  void aLaterScoreFileReplacesThatModelsRowAndKeepsTheOthers() {
    Path first = ReportFixtures.arenaHardScores(tmp);
    Path second = ReportFixtures.write(tmp, "rescore.json",
        "{\"benchmark\": \"arena_hard_v2.0\", \"models\": [{\"model\": \"gpt-4o\", \"score\": 60.5, \"ci_lower\": 59,"
            + " \"ci_upper\": 62, \"avg_tokens\": 700}, {\"model\": \"new\", \"score\": 5}]}");

    ScoreResult r = ReportInputs.read(List.of(first, second)).scores().get(0);

    assertEquals(List.of("gpt-4o", "o3-mini", "archon-70b", "new"),
        r.ranked().stream().map(m -> m.get("model").textValue()).toList());
    assertEquals(60.5, r.ranked().get(0).get("score").doubleValue());
  }

  @Test
  void jsonlAnswersCarryLatencyTokensAndCost() {
    ReportInputs in = ReportInputs.read(List.of(ReportFixtures.jsonlAnswers(tmp, "duo", 3, 1000, true)));

    assertEquals(3, in.answers().size());
    AnswerPoint p = in.answers().get(1);
    assertEquals(new AnswerPoint("duo", "jsonl", 203, 117L, 1611L, 117e-5), p);
  }

  @Test
  void officialAnswerFormatsAreRecognised() throws URISyntaxException {
    ReportInputs in = ReportInputs.read(List.of(fixture("arena_hard_v0.1_answer.jsonl"),
        fixture("arena_hard_v2.0_answer.jsonl"), fixture("mt_bench_answer.jsonl"),
        fixture("alpaca_eval_sample.json"), fixture("alpaca_eval_sample.jsonl")));

    AnswerPoint v01 = in.answers().get(0);
    assertEquals("example-model", v01.model());
    assertEquals("arena_hard_v0.1", v01.benchmark());
    assertEquals(86L, v01.outputTokens(), "the answer line's token_len");
    AnswerPoint v2 = in.answers().get(1);
    assertEquals("arena_hard_v2.0", v2.benchmark());
    assertEquals(101L, v2.outputTokens(), "metadata.token_len");
    AnswerPoint mt = in.answers().get(2);
    assertEquals("mt_bench", mt.benchmark());
    assertNull(mt.outputTokens());
    assertNull(mt.latencyMs());
    List<AnswerPoint> alpaca = in.answers().subList(3, in.answers().size());
    assertEquals(8, alpaca.size(), "4 from the JSON array, 4 from the JSON lines");
    assertEquals(List.of(21, 55, 3, 8), alpaca.subList(0, 4).stream().map(AnswerPoint::chars).toList());
    assertTrue(alpaca.stream().allMatch(a -> a.model().equals("example-model") && a.benchmark().equals("alpaca_eval")));
  }

  @Test
  void charactersAreCodePointsAsPythonCountsThem() {
    Path f = ReportFixtures.write(tmp, "a.json",
        "[{\"instruction\": \"i\", \"output\": \"h\\u00e9 \\ud83d\\ude00\", \"generator\": \"m\"}]");

    assertEquals(4, ReportInputs.read(List.of(f)).answers().get(0).chars());
  }

  @Test
  void unknownContentIsAnErrorNamingTheFileAndRecord() {
    Path judgments = ReportFixtures.write(tmp, "annotations.json",
        "[{\"instruction\": \"i\", \"output_1\": \"a\", \"output_2\": \"b\", \"preference\": 1.0}]");
    Path unknownBenchmark = ReportFixtures.write(tmp, "s.json", "{\"benchmark\": \"mmlu\", \"models\": []}");
    Path empty = ReportFixtures.write(tmp, "empty.jsonl", "\n");
    Path broken = ReportFixtures.write(tmp, "broken.jsonl", "{\"id\": 1, \"model\": \"m\", \"output\": \"x\"}\n{\"id\"");

    assertMessage(judgments, "annotations.json: record 1 is neither a score result");
    assertMessage(unknownBenchmark, "unknown benchmark \"mmlu\"");
    assertMessage(empty, "empty.jsonl is empty");
    assertMessage(broken, "broken.jsonl is not JSON or JSON lines");
    assertMessage(tmp, "is not a file");
  }

  @Test
  void quantilesInterpolateBetweenRanksAsNumpyDoes() {
    List<Double> v = List.of(1.0, 2.0, 3.0, 4.0);
    assertEquals(2.5, AnswerSummary.quantile(v, 0.5));
    assertEquals(1.75, AnswerSummary.quantile(v, 0.25));
    assertEquals(3.85, AnswerSummary.quantile(v, 0.95), 1e-12);
    assertNull(AnswerSummary.quantile(List.of(), 0.5));
  }

  private static void assertMessage(Path input, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportInputs.read(List.of(input)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ReportInputsTest.class.getResource("/bench/" + name).toURI());
  }
}

package ai.archon.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pieces of the answer formats: markdown counts, token counts, ids, JSON style, options. */
class FormatPartsTest {

  @Test
  void markdownCountsFollowArenaHardsRegexes() {
    String text = "# Title\n## Sub\n#NoSpace\n### Three\n\n1. one\n  2. two\n- a\n* b\n+ c\n**bold** and __under__ and **x\ny**";
    var m = MarkdownStats.metadata(text, 5);
    assertEquals(Json.parse("{\"token_len\": 5, \"header_count\": {\"h1\": 1, \"h2\": 1, \"h3\": 1, \"h4\": 0, "
        + "\"h5\": 0, \"h6\": 0}, \"list_count\": {\"ordered\": 2, \"unordered\": 3}, \"bold_count\": {\"**\": 1, "
        + "\"__\": 1}}"), m);
  }

  @Test
  void codeBlockInnerTextIsRemovedEverywhereButTheFencesStayAsInRemovePattern() {
    assertEquals("a ``````\nb", MarkdownStats.removeCode("a ```x```\nb"));
    // Python's str.replace removes every occurrence of the block's text, even outside the fence.
    assertEquals("``````  ", MarkdownStats.removeCode("```# h\n```  # h\n"));
    assertEquals(0, MarkdownStats.metadata("```\n# not a header\n- not a list\n```", 0).at("/header_count/h1").asInt());
  }

  @Test
  void tokenCountsTreatSpecialTokenTextAsOrdinaryAndDifferByEncoding() {
    // Reference counts from js-tiktoken 1.0.21 with allowed/disallowed special both empty.
    String t = "Hello <|endoftext|> wörld 🙂 — ünïcode ✓ 12345";
    assertEquals(20, TokenCounter.CL100K.count(t));
    assertEquals(20, TokenCounter.O200K.count(t));
    String v01 = Json.parse(BenchRun.resource("bench/arena_hard_v0.1_answer.jsonl"))
        .at("/choices/0/turns/0/content").asText();
    assertEquals(86, TokenCounter.CL100K.count(v01));
    assertEquals(82, TokenCounter.O200K.count(v01));
  }

  @Test
  void shortUuidsAre22Base57CharactersAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String id = ShortUuid.next();
      BenchRun.assertShortUuid(Json.MAPPER.getNodeFactory().textNode(id));
      seen.add(id);
    }
    assertEquals(200, seen.size());
  }

  @Test
  void linesUsePythonSeparatorsAndPlainTimestamps() {
    var n = AnswerJson.object().put("a", 1).put("b", "é");
    n.putArray("c").add(1).add(2);
    n.set("tstamp", AnswerJson.seconds(1711397070.4133694));
    assertEquals("{\"a\": 1, \"b\": \"\\u00E9\", \"c\": [1, 2], \"tstamp\": 1711397070.4133694}", AnswerJson.line(n, true));
    assertEquals("{\"a\": 1, \"b\": \"é\", \"c\": [1, 2], \"tstamp\": 1711397070.4133694}", AnswerJson.line(n, false));
  }

  @Test
  void optionsParseWithDefaultsAndRejectMistakes() {
    BenchOptions o = BenchOptions.parse(new String[] {"--benchmark", "mt_bench", "--model", "org/m", "--resume"},
        Map.of("ARCHON_CONFIGS", "cfg"));
    assertEquals(Path.of("cfg"), o.configs());
    assertEquals(Path.of("outputs"), o.outputDir());
    assertEquals(16, o.parallel());
    assertEquals(Integer.MAX_VALUE, o.limit());
    assertTrue(o.resume());
    assertEquals("org_m", o.modelId());
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--benchmark", "nope",
        "--model", "m"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--benchmark", "mt_bench"},
        Map.of()));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--benchmark", "mt_bench",
        "--model", "m", "--parallel", "0"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--benchmark", "mt_bench",
        "--model", "m", "--base-url", "http://x", "--configs", "d"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--benchmark", "mt_bench",
        "--model", "m", "--temperature", "1"}, Map.of()));
    assertNotEquals(o, BenchOptions.parse(new String[] {"--benchmark", "mt_bench", "--model", "org/m"}, Map.of()));
  }

  @Test
  void questionIdsMustBeUnique(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Path file = BenchRun.write(tmp, "q.jsonl", "{\"id\": 1, \"prompt\": \"a\"}\n{\"id\": \"1\", \"prompt\": \"b\"}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchCommand.requireUniqueKeys(new CustomJsonl().read(file)));
    assertTrue(e.getMessage().contains("id 1"), e.getMessage());
  }

  @Test
  void progressShowsDoneTotalFailuresRateAndEta() {
    RunStats stats = new RunStats(10, 4);
    String plain = new Progress(System.err, false, stats, 6).line();
    assertTrue(plain.startsWith("bench: 4/10  failed 0  0.00 q/s  ETA ?"), plain);
    String bar = new Progress(System.err, true, stats, 6).line();
    assertTrue(bar.startsWith("\r[############------------------] 4/10"), bar);
    assertEquals("1:01:05", Progress.duration(3665));
  }
}

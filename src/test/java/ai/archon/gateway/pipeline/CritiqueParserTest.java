package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CritiqueParserTest {

  private static List<String> ok(String reply, int n) {
    Optional<List<String>> r = CritiqueParser.parse(reply, n);
    assertTrue(r.isPresent(), "expected a parse of:\n" + reply);
    assertEquals(n, r.get().size());
    return r.get();
  }

  /** Replies that parse: reply, candidates, then each candidate's critique. */
  static Stream<Arguments> parses() {
    return Stream.of(
        // the canonical format
        arguments("[1]\nStrengths:\n- correct\nWeaknesses:\n- terse\n\n[2]\nStrengths:\n- None\n"
            + "Weaknesses:\n- wrong", 2, List.of("Strengths:\n- correct\nWeaknesses:\n- terse",
            "Strengths:\n- None\nWeaknesses:\n- wrong")),
        // prose before is ignored, prose after stays in the last block
        arguments("Sure! Here are my critiques.\n\n[1]\nStrengths: good\n[2]\nWeaknesses: bad\n\n"
            + "Overall both are fine.", 2, List.of("Strengths: good", "Weaknesses: bad\n\nOverall both are fine.")),
        // inline content after the header
        arguments("[1] Strengths: clear. Weaknesses: none.\n**[2]** Strengths: short\n"
            + "Candidate 3: Weak overall.\n[4] - Good.\n**Response 5:** Fine.", 5,
            List.of("Strengths: clear. Weaknesses: none.", "Strengths: short", "Weak overall.", "Good.", "Fine.")),
        // out-of-order blocks come back in candidate order
        arguments("[3]\nthird\n[1]\nfirst\n[2]\nsecond", 3, List.of("first", "second", "third")),
        // trailing rules and fences are dropped
        arguments("```\n[1]\nStrengths: a\n---\n[2]\nStrengths: b\n```", 2, List.of("Strengths: a", "Strengths: b")),
        // Windows line endings and a single candidate
        arguments("[1]\r\nStrengths:\r\n- x\r\n", 1, List.of("Strengths:\n- x")));
  }

  /** Replies that must not parse: reply, candidates. */
  static Stream<Arguments> rejections() {
    return Stream.of(
        // missing, duplicate, empty or out-of-range blocks
        arguments("[1]\na\n[3]\nc", 3),
        arguments("[1]\na\n[2]\nb\n[2]\nb again\n[3]\nc", 3),
        arguments("[1]\na\n[2]\n\n[3]\nc", 3),
        arguments("[1]\na\n[2]\nb\n[3]\nc", 2),
        arguments("[0]\nz\n[1]\na", 1),
        arguments("[1]\na\nCandidate 1: again", 1),
        arguments("No critiques today.", 2),
        arguments("", 1),
        arguments(null, 1),
        arguments("[1]\na", 0),
        // bare numbers and bulleted headers are not headers
        arguments("1.\nStrengths: a\n2.\nStrengths: b", 2),
        arguments("**1.** good\n**2.** bad", 2),
        arguments("- [1]: good\n- [2]: bad", 2));
  }

  @ParameterizedTest
  @MethodSource("parses")
  void parses(String reply, int n, List<String> critiques) {
    assertEquals(critiques, ok(reply, n));
  }

  @ParameterizedTest
  @MethodSource("rejections")
  void rejects(String reply, int n) {
    assertEquals(Optional.empty(), CritiqueParser.parse(reply, n), "expected rejection of:\n" + reply);
  }

  @Test
  void markdownHeaders() {
    for (String h : List.of("**[%d]**", "### [%d]", "## **[%d]**", "[%d]:", "**Candidate %d:**", "Candidate [%d]",
        "### Response %d", "Response #%d", "[Candidate %d]", "Critique of [%d]", "*[%d]*", "__[%d]__",
        "> [%d]", "#### Candidate %d ####", "  [ %d ]  ", "Answer %d:")) {
      String reply = String.format(h, 1) + "\nStrengths:\n- a\n\n" + String.format(h, 2) + "\nWeaknesses:\n- b";
      List<String> c = ok(reply, 2);
      assertEquals("Strengths:\n- a", c.get(0), h);
      assertEquals("Weaknesses:\n- b", c.get(1), h);
    }
  }

  @Test
  void bulletsAndNumberedPointsInsideBlocksAreContent() {
    List<String> c = ok("[1]\nStrengths:\n1. accurate\n2. cites [2] as well\n* tidy\nWeaknesses:\n"
        + "- [2]: is better here\n- Response 2 is longer\n[2] is clearer than this one.\n\n[2]\n"
        + "Strengths:\n- complete", 2);
    assertTrue(c.get(0).contains("[2] is clearer than this one."));
    assertTrue(c.get(0).contains("- [2]: is better here"));
    assertEquals("Strengths:\n- complete", c.get(1));
  }

  @Test
  void sevenCandidates() {
    StringBuilder sb = new StringBuilder("Here you go:\n");
    for (int i = 7; i >= 1; i--) sb.append("### [").append(i).append("]\nStrengths: s").append(i).append('\n');
    List<String> c = ok(sb.toString(), 7);
    for (int i = 0; i < 7; i++) assertEquals("Strengths: s" + (i + 1), c.get(i));
  }

  @Test
  void fuzzNeverThrowsAndOnlyReturnsWellFormedResults() {
    Random rnd = new Random(42);
    String alphabet = "[]1234567890 \n\r\t*#_>:-.()abcSW`~—candidateRsponse";
    for (int iter = 0; iter < 20_000; iter++) {
      String reply = FuzzText.next(rnd, alphabet, 120, 10);
      int n = rnd.nextInt(6);
      Optional<List<String>> r = CritiqueParser.parse(reply, n);
      r.ifPresent(list -> {
        assertEquals(n, list.size());
        list.forEach(s -> assertTrue(!s.isBlank()));
      });
    }
  }

  @Test
  void hugeReplyIsFast() {
    String junk = "[".repeat(200_000) + "Candidate ".repeat(50_000) + " ".repeat(100_000) + "#".repeat(100_000);
    long t0 = System.nanoTime();
    assertEquals(Optional.empty(), CritiqueParser.parse(junk, 3));
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
  }
}

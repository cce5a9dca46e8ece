package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CritiqueParserTest {

  private static List<String> ok(String reply, int n) {
    Optional<List<String>> r = CritiqueParser.parse(reply, n);
    assertTrue(r.isPresent(), "expected a parse of:\n" + reply);
    assertEquals(n, r.get().size());
    return r.get();
  }

  private static void rejected(String reply, int n) {
    assertEquals(Optional.empty(), CritiqueParser.parse(reply, n), "expected rejection of:\n" + reply);
  }

  @Test
  void canonicalFormat() {
    List<String> c = ok("[1]\nStrengths:\n- correct\nWeaknesses:\n- terse\n\n[2]\nStrengths:\n- None\n"
        + "Weaknesses:\n- wrong", 2);
    assertEquals("Strengths:\n- correct\nWeaknesses:\n- terse", c.get(0));
    assertEquals("Strengths:\n- None\nWeaknesses:\n- wrong", c.get(1));
  }

  @Test
  void proseBeforeIsIgnoredAndProseAfterStaysInTheLastBlock() {
    List<String> c = ok("Sure! Here are my critiques.\n\n[1]\nStrengths: good\n[2]\nWeaknesses: bad\n\n"
        + "Overall both are fine.", 2);
    assertEquals("Strengths: good", c.get(0));
    assertEquals("Weaknesses: bad\n\nOverall both are fine.", c.get(1));
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
  void inlineContentAfterHeader() {
    List<String> c = ok("[1] Strengths: clear. Weaknesses: none.\n**[2]** Strengths: short\n"
        + "Candidate 3: Weak overall.\n[4] - Good.\n**Response 5:** Fine.", 5);
    assertEquals("Strengths: clear. Weaknesses: none.", c.get(0));
    assertEquals("Strengths: short", c.get(1));
    assertEquals("Weak overall.", c.get(2));
    assertEquals("Good.", c.get(3));
    assertEquals("Fine.", c.get(4));
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
  void outOfOrderBlocksComeBackInCandidateOrder() {
    List<String> c = ok("[3]\nthird\n[1]\nfirst\n[2]\nsecond", 3);
    assertEquals(List.of("first", "second", "third"), c);
  }

  @Test
  void missingDuplicateEmptyOrOutOfRangeBlocksReject() {
    rejected("[1]\na\n[3]\nc", 3);
    rejected("[1]\na\n[2]\nb\n[2]\nb again\n[3]\nc", 3);
    rejected("[1]\na\n[2]\n\n[3]\nc", 3);
    rejected("[1]\na\n[2]\nb\n[3]\nc", 2);
    rejected("[0]\nz\n[1]\na", 1);
    rejected("[1]\na\nCandidate 1: again", 1);
    rejected("No critiques today.", 2);
    rejected("", 1);
    rejected(null, 1);
    rejected("[1]\na", 0);
  }

  @Test
  void trailingRulesAndFencesAreDropped() {
    List<String> c = ok("```\n[1]\nStrengths: a\n---\n[2]\nStrengths: b\n```", 2);
    assertEquals(List.of("Strengths: a", "Strengths: b"), c);
  }

  @Test
  void bareNumbersAndBulletedHeadersAreNotHeaders() {
    rejected("1.\nStrengths: a\n2.\nStrengths: b", 2);
    rejected("**1.** good\n**2.** bad", 2);
    rejected("- [1]: good\n- [2]: bad", 2);
  }

  @Test
  void windowsLineEndingsAndSingleCandidate() {
    assertEquals(List.of("Strengths:\r\n- x".replace("\r\n", "\n")), ok("[1]\r\nStrengths:\r\n- x\r\n", 1));
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
      int len = rnd.nextInt(120);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < len; i++) {
        sb.append(rnd.nextInt(10) == 0 ? (char) rnd.nextInt(0x3000) : alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      int n = rnd.nextInt(6);
      Optional<List<String>> r = CritiqueParser.parse(sb.toString(), n);
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

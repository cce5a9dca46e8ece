package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingParserTest {

  private static void ranks(String reply, int n, int topK, Integer... expected) {
    assertEquals(Optional.of(List.of(expected)), RankingParser.parse(reply, n, topK), reply);
  }

  private static void rejected(String reply, int n, int topK) {
    assertEquals(Optional.empty(), RankingParser.parse(reply, n, topK), "expected rejection of: " + reply);
  }

  @Test
  void canonicalForms() {
    ranks("[2] > [1] > [3]", 3, 3, 1, 0, 2);
    ranks("[2]>[1]>[3]", 3, 3, 1, 0, 2);
    ranks("[ 2 ] >  [1]", 2, 2, 1, 0);
    ranks("[3]", 3, 1, 2);
  }

  @Test
  void surroundingProseAndMarkdown() {
    ranks("After comparing them, the ranking is [3] > [1] > [2].", 3, 3, 2, 0, 1);
    ranks("Ranking: [2] > [3]\n\nI preferred [2] because it is complete.", 3, 2, 1, 2);
    ranks("**[2]** > **[1]**", 2, 2, 1, 0);
    ranks("`[2] > [1]`", 2, 2, 1, 0);
    ranks("```\n[2] > [1]\n```", 2, 2, 1, 0);
    ranks("### Final ranking\n- [1] > [2]", 2, 2, 0, 1);
    ranks("Best: [2]", 3, 1, 1);
    ranks("**Answer:** [3].", 3, 1, 2);
  }

  @Test
  void lastRankingLineWins() {
    ranks("At first I thought [1] > [2] > [3].\nOn reflection:\n[3] > [2] > [1]", 3, 3, 2, 1, 0);
    // The last ranking line is the model's final word: an invalid one is not rescued by an earlier valid one.
    rejected("[1] > [2] > [3]\n[3] > [3] > [1]", 3, 3);
  }

  @Test
  void bareNumberAndCommaForms() {
    ranks("2 > 1 > 3", 3, 3, 1, 0, 2);
    ranks("Ranking: 3 > 1", 3, 2, 2, 0);
    ranks("[2], [3], [1]", 3, 3, 1, 2, 0);
    rejected("2", 3, 1);
    rejected("2, 1, 3", 3, 3);
    rejected("[2] > 1 > [3]", 3, 3);
    rejected("[2] > [1], [3]", 3, 3);
    rejected("1. [2]\n2. [1]\n3. [3]", 3, 3);
    rejected("Since 3 > 2, candidate [3] wins.", 3, 1);
  }

  @Test
  void duplicatesOutOfRangeAndTooFewReject() {
    rejected("[1] > [1] > [2]", 3, 2);
    rejected("[2] > [1] > [2]", 3, 2);
    rejected("[4] > [1]", 3, 2);
    rejected("[0] > [1]", 3, 2);
    rejected("[2] > [1]", 3, 3);
    rejected("[1]", 3, 2);
    rejected("[99999999999] > [1]", 3, 2);
    rejected("no ranking here, [2] seems fine", 3, 1);
    rejected("", 3, 1);
    rejected(null, 3, 1);
    rejected("[1]", 0, 1);
  }

  @Test
  void longerRankingIsCutToTopK() {
    ranks("[4] > [2] > [1] > [3]", 4, 2, 3, 1);
    ranks("[4] > [2] > [1]", 4, 2, 3, 1);
    ranks("[2] > [1]", 2, 5, 1, 0);
    ranks("[2] > [1]", 2, 0, 1, 0);
  }

  @Test
  void fuzzNeverThrowsAndOnlyReturnsValidPrefixes() {
    Random rnd = new Random(7);
    String alphabet = "[]>>>1234567890 ,.\n*#`:-abc";
    int parsed = 0;
    for (int iter = 0; iter < 50_000; iter++) {
      int len = rnd.nextInt(40);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < len; i++) {
        sb.append(rnd.nextInt(20) == 0 ? (char) rnd.nextInt(0x3000) : alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      int n = rnd.nextInt(8);
      int topK = rnd.nextInt(9) - 1;
      Optional<List<Integer>> r = RankingParser.parse(sb.toString(), n, topK);
      if (r.isPresent()) {
        parsed++;
        List<Integer> list = r.get();
        int k = topK < 1 || topK > n ? n : topK;
        assertEquals(k, list.size(), sb.toString());
        assertEquals(k, new HashSet<>(list).size());
        list.forEach(i -> assertTrue(i >= 0 && i < n));
      }
    }
    assertTrue(parsed > 0, "the fuzz alphabet should hit some valid rankings");
  }

  @Test
  void hugeReplyIsFast() {
    String junk = "[1] >".repeat(100_000) + "[" + "1".repeat(100_000) + "\n" + "1 > ".repeat(100_000) + ":";
    long t0 = System.nanoTime();
    assertEquals(Optional.empty(), RankingParser.parse(junk, 3, 2));
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
  }

  @Test
  void longAdversarialLinesStayLinear() {
    long t0 = System.nanoTime();
    assertEquals(null, RankingParser.chainIn("1 > ".repeat(4_000) + "x"));
    assertEquals(null, RankingParser.chainIn("[1] > [".repeat(2_500)));
    assertEquals(null, RankingParser.chainIn("Ranking: " + "[1], ".repeat(3_500) + "x"));
    assertEquals(3_000, RankingParser.chainIn("[1] > ".repeat(2_999) + "[1]").size());
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
  }
}

package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankingParserTest {

  /** Replies that parse: reply, candidates, top-k, then the expected ranking (0-based candidate indexes). */
  static Stream<Arguments> rankings() {
    return Stream.of(
        // canonical forms
        arguments("[2] > [1] > [3]", 3, 3, List.of(1, 0, 2)),
        arguments("[2]>[1]>[3]", 3, 3, List.of(1, 0, 2)),
        arguments("[ 2 ] >  [1]", 2, 2, List.of(1, 0)),
        arguments("[3]", 3, 1, List.of(2)),
        // surrounding prose and markdown
        arguments("After comparing them, the ranking is [3] > [1] > [2].", 3, 3, List.of(2, 0, 1)),
        arguments("Ranking: [2] > [3]\n\nI preferred [2] because it is complete.", 3, 2, List.of(1, 2)),
        arguments("**[2]** > **[1]**", 2, 2, List.of(1, 0)),
        arguments("`[2] > [1]`", 2, 2, List.of(1, 0)),
        arguments("```\n[2] > [1]\n```", 2, 2, List.of(1, 0)),
        arguments("### Final ranking\n- [1] > [2]", 2, 2, List.of(0, 1)),
        arguments("Best: [2]", 3, 1, List.of(1)),
        arguments("**Answer:** [3].", 3, 1, List.of(2)),
        // the last ranking line wins
        arguments("At first I thought [1] > [2] > [3].\nOn reflection:\n[3] > [2] > [1]", 3, 3, List.of(2, 1, 0)),
        // bare number and comma forms
        arguments("2 > 1 > 3", 3, 3, List.of(1, 0, 2)),
        arguments("Ranking: 3 > 1", 3, 2, List.of(2, 0)),
        arguments("[2], [3], [1]", 3, 3, List.of(1, 2, 0)),
        // a longer ranking is cut to top-k
        arguments("[4] > [2] > [1] > [3]", 4, 2, List.of(3, 1)),
        arguments("[4] > [2] > [1]", 4, 2, List.of(3, 1)),
        arguments("[2] > [1]", 2, 5, List.of(1, 0)),
        arguments("[2] > [1]", 2, 0, List.of(1, 0)));
  }

  /** Replies that must not parse: reply, candidates, top-k. */
  static Stream<Arguments> rejections() {
    return Stream.of(
        // The last ranking line is the model's final word: an invalid one is not rescued by an earlier valid one.
        arguments("[1] > [2] > [3]\n[3] > [3] > [1]", 3, 3),
        // bare numbers and commas that are not a ranking
        arguments("2", 3, 1),
        arguments("2, 1, 3", 3, 3),
        arguments("[2] > 1 > [3]", 3, 3),
        arguments("[2] > [1], [3]", 3, 3),
        arguments("1. [2]\n2. [1]\n3. [3]", 3, 3),
        arguments("Since 3 > 2, candidate [3] wins.", 3, 1),
        // duplicates, out of range and too few
        arguments("[1] > [1] > [2]", 3, 2),
        arguments("[2] > [1] > [2]", 3, 2),
        arguments("[4] > [1]", 3, 2),
        arguments("[0] > [1]", 3, 2),
        arguments("[2] > [1]", 3, 3),
        arguments("[1]", 3, 2),
        arguments("[99999999999] > [1]", 3, 2),
        arguments("no ranking here, [2] seems fine", 3, 1),
        arguments("", 3, 1),
        arguments(null, 3, 1),
        arguments("[1]", 0, 1));
  }

  @ParameterizedTest
  @MethodSource("rankings")
  void ranks(String reply, int n, int topK, List<Integer> expected) {
    assertEquals(Optional.of(expected), RankingParser.parse(reply, n, topK), reply);
  }

  @ParameterizedTest
  @MethodSource("rejections")
  void rejects(String reply, int n, int topK) {
    assertEquals(Optional.empty(), RankingParser.parse(reply, n, topK), "expected rejection of: " + reply);
  }

  @Test
  void fuzzNeverThrowsAndOnlyReturnsValidPrefixes() {
    Random rnd = new Random(7);
    String alphabet = "[]>>>1234567890 ,.\n*#`:-abc";
    int parsed = 0;
    for (int iter = 0; iter < 50_000; iter++) {
      String reply = FuzzText.next(rnd, alphabet, 40, 20);
      int n = rnd.nextInt(8);
      int topK = rnd.nextInt(9) - 1;
      Optional<List<Integer>> r = RankingParser.parse(reply, n, topK);
      if (r.isPresent()) {
        parsed++;
        List<Integer> list = r.get();
        int k = topK < 1 || topK > n ? n : topK;
        assertEquals(k, list.size(), reply);
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

package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verifier and unit-test parsers on well-formed and odd replies. */
class CheckParsersTest {

  // ---- VerdictParser ----

  @Test
  void verdictOnTheLastLine() {
    assertEquals(Optional.of(true), VerdictParser.parse("It is right.\n[Correct]"));
    assertEquals(Optional.of(false), VerdictParser.parse("It misses a case.\n\n[Incorrect]\n\n"));
    assertEquals(Optional.of(true), VerdictParser.parse("Looks good. **[Correct]**"));
    assertEquals(Optional.of(false), VerdictParser.parse("Verdict: [ incorrect ]"));
    assertEquals(Optional.of(true), VerdictParser.parse("All checks hold.\n`[CORRECT]`"));
  }

  @Test
  void bareLabelAloneOnTheLastLineCounts() {
    assertEquals(Optional.of(false), VerdictParser.parse("The sum is wrong.\nVerdict: Incorrect."));
    assertEquals(Optional.of(true), VerdictParser.parse("### correct"));
  }

  @Test
  void incorrectIsNeverReadAsCorrect() {
    assertEquals(Optional.of(false), VerdictParser.parse("[Incorrect]"));
    assertEquals(Optional.empty(), VerdictParser.parse("The answer is incorrect in places but mostly fine."));
  }

  @Test
  void bothLabelsNoLabelOrLabelNotLastAreRejected() {
    assertEquals(Optional.empty(), VerdictParser.parse("[Correct] at first sight, but on reflection\n[Incorrect]"));
    assertEquals(Optional.empty(), VerdictParser.parse("[Correct] or [Incorrect]"));
    assertEquals(Optional.empty(), VerdictParser.parse("I cannot decide."));
    assertEquals(Optional.empty(), VerdictParser.parse("[Correct]\nLet me also add that the style is good."));
    assertEquals(Optional.empty(), VerdictParser.parse(""));
    assertEquals(Optional.empty(), VerdictParser.parse(null));
  }

  // ---- UnitTestParser ----

  @Test
  void numberedTestsWithProseAround() {
    String reply = "Here are the tests:\n\n1. The response names Paris.\n2) **The response is one sentence.**\n"
        + "3. The response does not mention Lyon.\n\nThese cover the essentials.";
    assertEquals(Optional.of(List.of("The response names Paris.", "The response is one sentence.",
        "The response does not mention Lyon.")), UnitTestParser.parse(reply, 5));
  }

  @Test
  void otherNumberingStylesAndCap() {
    assertEquals(Optional.of(List.of("a", "b")), UnitTestParser.parse("[1] a\n[2] b\n[3] c", 2));
    assertEquals(Optional.of(List.of("x", "y")), UnitTestParser.parse("Test 1: x\nUnit test 2 - y", 5));
    assertEquals(Optional.of(List.of("x", "y")), UnitTestParser.parse("**1.** x\n### 2. y", 5));
  }

  @Test
  void bulletsOnlyWhenNothingIsNumbered() {
    assertEquals(Optional.of(List.of("one", "two")), UnitTestParser.parse("- one\n* two", 5));
    assertEquals(Optional.of(List.of("n")), UnitTestParser.parse("- bullet\n1. n", 5));
  }

  @Test
  void gapsRepeatsAndEmptyRepliesAreRejected() {
    assertEquals(Optional.empty(), UnitTestParser.parse("1. a\n3. c", 5));
    assertEquals(Optional.empty(), UnitTestParser.parse("1. a\n1. a again", 5));
    assertEquals(Optional.empty(), UnitTestParser.parse("1.\n2. b", 5));
    assertEquals(Optional.empty(), UnitTestParser.parse("I would test that the answer is right.", 5));
    assertEquals(Optional.empty(), UnitTestParser.parse(null, 5));
  }

  // ---- UnitTestVerdictParser ----

  @Test
  void oneVerdictPerTest() {
    assertEquals(Optional.of(List.of(true, false, true)),
        UnitTestVerdictParser.parse("[1] passed\n[2] failed\n[3] passed", 3));
    assertEquals(Optional.of(List.of(true, false)),
        UnitTestVerdictParser.parse("Sure.\n\n**[1]** PASSED\n- [2]: Fail - no example given", 2));
    assertEquals(Optional.of(List.of(false, true)),
        UnitTestVerdictParser.parse("Test 1 - mentions the base case: failed\nTest 2: passes", 2));
    assertEquals(Optional.of(List.of(true, true)), UnitTestVerdictParser.parse("[2] passed\n[1] passed", 2));
  }

  @Test
  void verdictWordInBracketsAsArchonsPromptsTeach() {
    assertEquals(Optional.of(List.of(true, false)),
        UnitTestVerdictParser.parse("Unit Test #1: [Passed]\nUnit Test #2: [Failed]", 2));
    assertEquals(Optional.of(List.of(false, true)),
        UnitTestVerdictParser.parse("[1] mentions the base case: [ failed ]\n**Unit Test #2:** **[PASS]**", 2));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("Unit Test #1: [Passed/Failed]", 1));
  }

  @Test
  void doesNotPassIsNeverAPass() {
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] passed\n[2] does not pass", 2));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] not passed", 1));
  }

  @Test
  void bothOutcomesMissingRepeatedOrOutOfRangeAreRejected() {
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] passed/failed", 1));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] passed", 2));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] passed\n[1] failed", 1));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("[1] passed\n[3] passed", 2));
    assertEquals(Optional.empty(), UnitTestVerdictParser.parse("All tests pass.", 2));
  }

  @Test
  void bareNumberedProseIsIgnored() {
    String reply = "Reasoning:\n1. The response gives the value.\n2. It explains it.\n\n[1] passed\n[2] passed";
    assertEquals(Optional.of(List.of(true, true)), UnitTestVerdictParser.parse(reply, 2));
  }
}

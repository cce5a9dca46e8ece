package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier and unit-test parsers on well-formed and odd replies. */
class CheckParsersTest {
  private static final Named<BiFunction<String, Integer, Optional<?>>> VERDICT =
      Named.of("VerdictParser", (reply, n) -> VerdictParser.parse(reply));
  private static final Named<BiFunction<String, Integer, Optional<?>>> UNIT_TESTS =
      Named.of("UnitTestParser", UnitTestParser::parse);
  private static final Named<BiFunction<String, Integer, Optional<?>>> UNIT_TEST_VERDICTS =
      Named.of("UnitTestVerdictParser", UnitTestVerdictParser::parse);

  /** Replies a parser must reject: the parser (reply and count to result), the reply, the count it is given. */
  static Stream<Arguments> rejections() {
    return Stream.of(
        // a verdict with both labels, no label, or its label not last
        arguments(VERDICT, "[Correct] at first sight, but on reflection\n[Incorrect]", 0),
        arguments(VERDICT, "[Correct] or [Incorrect]", 0),
        arguments(VERDICT, "I cannot decide.", 0),
        arguments(VERDICT, "[Correct]\nLet me also add that the style is good.", 0),
        arguments(VERDICT, "", 0),
        arguments(VERDICT, null, 0),
        // unit tests with gaps, repeats, or none
        arguments(UNIT_TESTS, "1. a\n3. c", 5),
        arguments(UNIT_TESTS, "1. a\n1. a again", 5),
        arguments(UNIT_TESTS, "1.\n2. b", 5),
        arguments(UNIT_TESTS, "I would test that the answer is right.", 5),
        arguments(UNIT_TESTS, null, 5),
        // "does not pass" is never a pass
        arguments(UNIT_TEST_VERDICTS, "[1] passed\n[2] does not pass", 2),
        arguments(UNIT_TEST_VERDICTS, "[1] not passed", 1),
        // unit-test verdicts with both outcomes, missing, repeated or out of range
        arguments(UNIT_TEST_VERDICTS, "[1] passed/failed", 1),
        arguments(UNIT_TEST_VERDICTS, "[1] passed", 2),
        arguments(UNIT_TEST_VERDICTS, "[1] passed\n[1] failed", 1),
        arguments(UNIT_TEST_VERDICTS, "[1] passed\n[3] passed", 2),
        arguments(UNIT_TEST_VERDICTS, "All tests pass.", 2));
  }

  @ParameterizedTest
  @MethodSource("rejections")
  void rejects(BiFunction<String, Integer, Optional<?>> parser, String reply, int n) {
    assertEquals(Optional.empty(), parser.apply(reply, n));
  }

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
  void bareNumberedProseIsIgnored() {
    String reply = "Reasoning:\n1. The response gives the value.\n2. It explains it.\n\n[1] passed\n[2] passed";
    assertEquals(Optional.of(List.of(true, true)), UnitTestVerdictParser.parse(reply, 2));
  }
}

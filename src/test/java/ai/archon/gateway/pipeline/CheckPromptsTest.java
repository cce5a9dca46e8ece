package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checking prompts: what each asks for, and the query-with-tests view that never touches the client's list. */
class CheckPromptsTest {
  private static final List<Message> CONVO = List.of(Message.system("Be brief."), Message.user("What is 2+2?"));

  @Test
  void verifierAsksForReasoningThenOneLabel() {
    List<Message> r = CheckPrompts.verifierReasoning(CONVO, "4");
    assertEquals(List.of("system", "user"), r.stream().map(Message::role).toList());
    assertTrue(r.get(1).content().contains("<candidate>\n4\n</candidate>"));
    assertTrue(r.get(1).content().contains("<latest_user_query>\nWhat is 2+2?\n</latest_user_query>"));
    assertTrue(r.get(1).content().contains("Do not give a final verdict yet"));

    List<Message> v = CheckPrompts.verifierVerdict(CONVO, "4", "It adds up.");
    assertEquals(List.of("system", "user", "assistant", "user"), v.stream().map(Message::role).toList());
    assertEquals("It adds up.", v.get(2).content());
    assertTrue(v.get(3).content().contains("[Correct]") && v.get(3).content().contains("[Incorrect]"));
  }

  @Test
  void unitTestGeneratorAsksForTheCount() {
    String p = CheckPrompts.unitTestGenerator(CONVO, 7).get(1).content();
    assertTrue(p.contains("Write exactly 7 unit tests"), p);
    assertTrue(p.contains("1. <test>\n2. <test>"), p);
    assertTrue(CheckPrompts.unitTestGenerator(CONVO, 1).get(1).content().contains("exactly 1 unit test "));
  }

  @Test
  void unitTestEvaluatorNumbersTheTests() {
    String p = CheckPrompts.unitTestEvaluator(CONVO, "4", List.of("Says 4.", "Is short.")).get(1).content();
    assertTrue(p.contains("<unit_tests>\n1. Says 4.\n2. Is short.\n</unit_tests>"), p);
    assertTrue(p.contains("Reply with exactly 2 lines"), p);
    assertTrue(p.contains("[1] passed\n[2] failed"), p);
  }

  @Test
  void testsAreAppendedToACopyOfTheLastUserMessage() {
    List<Message> convo = List.of(Message.user("first"), Message.assistant("ok"), Message.user("Q?"));
    List<Message> with = CheckPrompts.withUnitTests(convo, List.of("A", "B"));
    assertEquals("Q?\n\nA good response passes these unit tests:\n1. A\n2. B", with.get(2).content());
    assertEquals("first", with.get(0).content());
    assertEquals("Q?", convo.get(2).content());
    assertSame(convo, CheckPrompts.withUnitTests(convo, List.of()));
  }

  @Test
  void stateCarriesTestsThroughNewCandidatesAndHidesThemOnRequest() {
    PipelineState s = PipelineState.EMPTY.withUnitTests(new UnitTests(List.of("t"), true));
    PipelineState next = s.withCandidates(List.of("a", "b"));
    assertEquals(List.of("t"), next.testsForPrompt());
    assertEquals(List.of("t"), next.select(List.of(1)).limit(1).testsForPrompt());
    PipelineState hidden = next.withUnitTests(next.unitTests().hiddenFromPrompt());
    assertEquals(List.of(), hidden.testsForPrompt());
    assertEquals(List.of("t"), hidden.unitTests().tests());
    assertEquals(List.of("t"), PipelineState.concat(List.of(PipelineState.of(List.of("x")), next)).testsForPrompt());
  }
}

package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptsTest {

  private static final List<Message> SINGLE = List.of(Message.system("Answer like a pirate."),
      Message.user("What is the capital of France?"));
  private static final List<Message> MULTI = List.of(Message.system("Be brief."),
      Message.user("Name a prime number."), Message.assistant("Seven."), Message.user("And an even one?"));
  private static final List<String> CANDS = List.of("Paris, matey.", "It be Paris.", "Lyon.");
  private static final List<String> CRITS = List.of("Strengths:\n- correct\nWeaknesses:\n- None",
      "Strengths:\n- pirate voice\nWeaknesses:\n- None", "Strengths:\n- None\nWeaknesses:\n- wrong city");

  private static String user(List<Message> msgs) {
    assertEquals(2, msgs.size());
    assertEquals("system", msgs.get(0).role());
    assertEquals("user", msgs.get(1).role());
    return msgs.get(1).content();
  }

  private static void assertNumbered(String prompt, List<String> cands) {
    for (int i = 0; i < cands.size(); i++) {
      assertTrue(prompt.contains("[" + (i + 1) + "]\n" + cands.get(i)), "candidate " + (i + 1) + " in " + prompt);
    }
    assertFalse(prompt.contains("[" + (cands.size() + 1) + "]\n"), "no extra candidate");
  }

  @Test
  void criticNumbersEveryCandidateAndAsksForBlocks() {
    List<Message> msgs = Prompts.critic(SINGLE, CANDS);
    String p = user(msgs);
    assertNumbered(p, CANDS);
    assertTrue(p.contains("exactly 3 blocks"));
    assertTrue(p.contains("Strengths:") && p.contains("Weaknesses:"));
    assertTrue(p.contains("<latest_user_query>\nWhat is the capital of France?\n</latest_user_query>"));
    assertTrue(p.contains("<system_instructions>\nAnswer like a pirate.\n</system_instructions>"));
    // The client's system text is shown as data, not used as the critic's own system prompt.
    assertFalse(msgs.get(0).content().contains("pirate"));
    assertFalse(p.contains("<critiques>"));
  }

  @Test
  void criticSingleCandidate() {
    String p = user(Prompts.critic(SINGLE, List.of("Paris.")));
    assertTrue(p.contains("exactly 1 block"));
    assertNumbered(p, List.of("Paris."));
  }

  @Test
  void multiTurnConversationIsATranscriptWithTheLastQueryMarked() {
    String p = user(Prompts.ranker(MULTI, CANDS, null, 2));
    assertTrue(p.contains("<earlier_conversation>\nUser: Name a prime number.\n\nAssistant: Seven.\n"
        + "</earlier_conversation>"), p);
    assertTrue(p.contains("<latest_user_query>\nAnd an even one?\n</latest_user_query>"));
    assertTrue(p.contains("<system_instructions>\nBe brief.\n</system_instructions>"));
    assertTrue(p.indexOf("<latest_user_query>") < p.indexOf("<candidates>"));
  }

  @Test
  void singleTurnHasNoTranscriptAndNoSystemBlockWithoutSystem() {
    String p = user(Prompts.fuser(List.of(Message.user("Hi")), CANDS, null, null));
    assertFalse(p.contains("<earlier_conversation>"));
    assertFalse(p.contains("<system_instructions>"));
    assertTrue(p.contains("<latest_user_query>\nHi\n</latest_user_query>"));
  }

  @Test
  void conversationEndingWithAssistantIsAllContext() {
    String p = user(Prompts.critic(List.of(Message.user("Q"), Message.assistant("Partial")), CANDS));
    assertTrue(p.contains("User: Q\n\nAssistant: Partial"));
    assertFalse(p.contains("<latest_user_query>"));
  }

  @Test
  void rankerAsksForTopKOrAll() {
    String top2 = user(Prompts.ranker(SINGLE, CANDS, null, 2));
    assertNumbered(top2, CANDS);
    assertTrue(top2.contains("the best 2 of the 3 candidates"), top2);
    assertTrue(top2.contains("\n[2] > [1]\n"), top2);
    assertFalse(top2.contains("<critiques>"));

    String all = user(Prompts.ranker(SINGLE, CANDS, null, 5));
    assertTrue(all.contains("all 3 candidates"));
    assertTrue(all.contains("\n[2] > [1] > [3]\n"));

    String one = user(Prompts.ranker(SINGLE, CANDS, null, 1));
    assertTrue(one.contains("the number of the best candidate"));
    assertTrue(one.contains("example:\n[2]\n"));

    assertTrue(user(Prompts.ranker(SINGLE, List.of("x"), null, 1)).contains("example:\n[1]\n"));
  }

  @Test
  void rankerShowsCritiquesOnlyWhenGiven() {
    String p = user(Prompts.ranker(SINGLE, CANDS, CRITS, 3));
    assertTrue(p.contains("<critiques>\n[1]\n" + CRITS.get(0) + "\n\n[2]\n" + CRITS.get(1) + "\n\n[3]\n"
        + CRITS.get(2) + "\n</critiques>"), p);
    assertTrue(p.contains("Use the critiques"));
    assertFalse(user(Prompts.ranker(SINGLE, CANDS, null, 3)).contains("critique"));
  }

  @Test
  void fuserCritiquesAndMaxWordsOnlyWhenGiven() {
    String plain = user(Prompts.fuser(SINGLE, CANDS, null, null));
    assertNumbered(plain, CANDS);
    assertFalse(plain.contains("<critiques>"));
    assertFalse(plain.contains("words"));
    assertTrue(plain.contains("no preamble"));
    assertTrue(plain.contains("Follow the assistant's instructions in <system_instructions>."));

    String full = user(Prompts.fuser(MULTI, CANDS, CRITS, 120));
    assertTrue(full.contains("<critiques>"));
    assertTrue(full.contains("no longer than 120 words"));
    assertTrue(full.contains("User: Name a prime number."));
  }

  @Test
  void toleratesNullsAndEmptyLists() {
    assertEquals(2, Prompts.critic(null, null).size());
    assertEquals(2, Prompts.ranker(List.of(), List.of(), null, 0).size());
    String p = user(Prompts.fuser(SINGLE, java.util.Arrays.asList("a", null), java.util.Arrays.asList((String) null), 10));
    assertTrue(p.contains("[2]\n\n"));
  }
}

package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt templates for the checking components: verifier (reasoning, then verdict), unit_test_generator and
 * unit_test_evaluator, plus the query-with-tests view later generators and fusers get. Same layout rules as
 * {@link Prompts}: the conversation rendered as text, data inside XML-like tags, the output format spelled out.
 */
public final class CheckPrompts {
  /** The two verdict labels; a verdict reply must end with exactly one of them. */
  public static final String CORRECT = "[Correct]";
  public static final String INCORRECT = "[Incorrect]";
  /** How many tests a unit_test_generator writes when its config gives no {@code unit_test_cap}. */
  public static final int DEFAULT_UNIT_TESTS = 5;

  static final String VERIFIER_SYSTEM =
      "You are a meticulous verifier of AI assistant responses. You are shown a conversation and one candidate "
          + "response to its latest user query, and you check whether the candidate answers that query correctly "
          + "and completely.";

  static final String UNIT_TEST_GENERATOR_SYSTEM =
      "You write unit tests for answers: short, checkable statements that any good response to a query must "
          + "satisfy. You never answer the query yourself.";

  static final String UNIT_TEST_EVALUATOR_SYSTEM =
      "You are a strict grader. You are shown a conversation, one candidate response to its latest user query and "
          + "a numbered list of unit tests, and you decide for each test whether the candidate passes it.";

  private CheckPrompts() { }

  /** Verifier, first call: reasoning about the candidate, without a verdict yet. */
  public static List<Message> verifierReasoning(List<Message> conversation, String candidate) {
    StringBuilder sb = new StringBuilder();
    Prompts.appendConversation(sb, conversation);
    tag(sb, "Candidate response to the latest user query:", "candidate", candidate);
    sb.append("Reason step by step about whether the candidate response answers the latest user query correctly "
        + "and completely: check its facts, its reasoning and any calculation, and whether it does everything the "
        + "query asks. Name every error or omission you find. Do not give a final verdict yet.");
    return List.of(Message.system(VERIFIER_SYSTEM), Prompts.judgeMessage(sb.toString(), conversation));
  }

  /** Verifier, second call: the reasoning exchange so far, then the request for a one-label verdict. */
  public static List<Message> verifierVerdict(List<Message> conversation, String candidate, String reasoning) {
    List<Message> out = new ArrayList<>(verifierReasoning(conversation, candidate));
    out.add(Message.assistant(reasoning == null ? "" : reasoning.strip()));
    out.add(Message.user("Based on your reasoning, is the candidate response correct and complete? Reply with one "
        + "short sentence of justification, then end your reply with exactly one of these two labels on a line of "
        + "its own: " + CORRECT + " if it is correct and complete, " + INCORRECT + " otherwise. Use only one of the "
        + "two labels, once."));
    return out;
  }

  /** Unit-test generator: asks for exactly {@code count} numbered tests, one per line. */
  public static List<Message> unitTestGenerator(List<Message> conversation, int count) {
    StringBuilder sb = new StringBuilder();
    Prompts.appendConversation(sb, conversation);
    sb.append("Write exactly ").append(count).append(count == 1 ? " unit test" : " unit tests")
        .append(" for a response to the latest user query: short statements, each checkable by reading the "
            + "response alone, that a correct, complete and helpful response must satisfy (for example \"The "
            + "response states that the answer is 42.\" or \"The response explains why the loop terminates.\"). "
            + "Cover the most important requirements first.\n\n")
        .append("Reply with the tests only, one per line, numbered like this:\n1. <test>\n2. <test>\n\n")
        .append("Do not answer the query and do not add any other text.");
    return List.of(Message.system(UNIT_TEST_GENERATOR_SYSTEM), Prompts.judgeMessage(sb.toString(), conversation));
  }

  /** Unit-test evaluator: one candidate against every test; asks for one "[i] passed|failed" line per test. */
  public static List<Message> unitTestEvaluator(List<Message> conversation, String candidate, List<String> tests) {
    StringBuilder sb = new StringBuilder();
    Prompts.appendConversation(sb, conversation);
    tag(sb, "Candidate response to the latest user query:", "candidate", candidate);
    sb.append("Unit tests:\n\n<unit_tests>\n").append(numbered(tests)).append("\n</unit_tests>\n\n");
    int n = tests.size();
    sb.append("Decide for each of the ").append(n == 1 ? "1 unit test" : n + " unit tests")
        .append(" whether the candidate response passes it. Reply with exactly ").append(n)
        .append(n == 1 ? " line" : " lines").append(", one per test in order, each the test's number in square "
            + "brackets followed by the word passed or failed, like this:\n[1] passed\n");
    if (n > 1) sb.append("[2] failed\n");
    sb.append("\nThat example only shows the format. Write nothing else.");
    return List.of(Message.system(UNIT_TEST_EVALUATOR_SYSTEM), Prompts.judgeMessage(sb.toString(), conversation));
  }

  /**
   * The client's conversation as later generators and fusers see it: the tests appended to the last user message
   * (a copy; the client's request is never changed). Unchanged when there are no tests or no user message.
   */
  public static List<Message> withUnitTests(List<Message> conversation, List<String> tests) {
    if (tests == null || tests.isEmpty()) return conversation;
    List<Message> out = new ArrayList<>(conversation);
    for (int i = out.size() - 1; i >= 0; i--) {
      Message m = out.get(i);
      if (!"user".equals(m.role())) continue;
      String text = (m.content() == null ? "" : m.content().strip()) + "\n\nA good response passes these unit tests:\n"
          + numbered(tests);
      out.set(i, m.withText(text));
      return List.copyOf(out);
    }
    return conversation;
  }

  static String numbered(List<String> items) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) sb.append('\n');
      sb.append(i + 1).append(". ").append(items.get(i).strip());
    }
    return sb.toString();
  }

  private static void tag(StringBuilder sb, String heading, String name, String body) {
    sb.append(heading).append("\n\n<").append(name).append(">\n").append(body == null ? "" : body.strip())
        .append("\n</").append(name).append(">\n\n");
  }
}

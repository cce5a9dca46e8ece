package ai.archon.gateway.provider.mock;

import static ai.archon.gateway.provider.mock.MockText.countWords;
import static ai.archon.gateway.provider.mock.MockText.mix;
import static ai.archon.gateway.provider.mock.MockText.pick;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.PromptMarkers;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Mock's answer texts, one format per component role. What to answer comes from the call's {@link Purpose} (role,
 * how many candidates, how many tests or words are asked for); the candidates themselves are read from the prompt's
 * {@link PromptMarkers} sections. Nothing depends on the prompts' wording.
 */
final class MockAnswers {
  private static final String[] OPENERS = {
      "%s here. On \"%s\": the most reliable approach is to start from the core idea, check it against a simple "
          + "example, and then refine the details until the answer holds up.",
      "Answering \"%s\" (%s): the key point is to separate what is known from what is assumed; once that is clear, "
          + "the rest follows step by step.",
      "Regarding \"%s\", %s suggests focusing on the essentials first: define the terms, weigh the main options, "
          + "and pick the one with the fewest trade-offs.",
      "%s's take on \"%s\": break the problem into smaller parts, solve each one, and then check that the parts "
          + "fit together.",
      "In short, \"%s\" is best handled (says %s) by stating the goal plainly, listing the constraints, and "
          + "choosing the simplest approach that meets them.",
  };
  // Which openers take the quote before the model name.
  private static final boolean[] QUOTE_FIRST = {false, true, true, false, true};
  private static final String[] CLOSERS = {
      "A worked example would make this concrete.",
      "The details matter less than getting this structure right.",
      "If anything is unclear, the first step is the one to revisit.",
      "This keeps the answer short while covering what matters most.",
  };
  private static final String[] STRENGTHS = {
      "Clear and well organised.", "Stays on topic throughout.", "Concise without leaving out the main point.",
      "Gives a practical, actionable approach.", "States its reasoning plainly.",
  };
  private static final String[] WEAKNESSES = {
      "Could give a concrete example.", "Some claims are asserted without support.",
      "Stays generic where specifics would help.", "Does not address possible edge cases.",
      "Could be more precise about the assumptions it makes.",
  };
  private static final String[] TESTS = {
      "The response directly answers the question that was asked.",
      "The response contains no factual errors or internal contradictions.",
      "The response follows any format the user requested.",
      "The response is free of irrelevant content.",
      "The response justifies its main claim or gives an example.",
  };

  private MockAnswers() { }

  static ChatResult answer(ChatRequest req) {
    String model = MockProvider.displayModel(req.model());
    long h = MockText.hash(req, model);
    String prompt = MockText.lastUserText(req.messages());
    List<String> candidates = MockText.numberedIn(prompt, PromptMarkers.CANDIDATES);
    Purpose purpose = req.purpose();
    int n = purpose.candidates() > 0 ? purpose.candidates() : candidates.size();
    String role = purpose.role() == null ? Purpose.GENERATOR : purpose.role();
    String text = switch (role) {
      case Purpose.CRITIC -> critic(model, n, candidates);
      case Purpose.RANKER -> ranker(n, candidates);
      case Purpose.FUSER -> fuser(prompt.contains(PromptMarkers.open(PromptMarkers.CRITIQUES)), n, candidates,
          purpose.requested());
      case Purpose.VERIFIER_REASONING -> "Checking the candidate against the query step by step: it addresses what "
          + "was asked, its claims are consistent with each other, and nothing the query asks for is missing.";
      case Purpose.VERIFIER -> verdict(h);
      case Purpose.UNIT_TEST_GENERATOR -> unitTests(purpose.requested());
      case Purpose.UNIT_TEST_EVALUATOR -> evaluations(purpose.candidates(), h);
      default -> generator(model, prompt, h);
    };
    boolean writer = Purpose.GENERATOR.equals(role) || Purpose.FUSER.equals(role);
    if (writer) {
      ToolCall call = MockTools.call(req, h);
      if (call != null) {
        long promptWords = 0;
        for (Message m : req.messages()) promptWords += countWords(m.content());
        return new ChatResult("", new Usage(promptWords, countWords(call.arguments())), "tool_calls", List.of(call));
      }
      text = MockTools.formatted(req, text);
    }
    String finish = "stop";
    text = MockText.cutAtStop(text, req.stop());
    if (req.maxTokens() != null && req.maxTokens() >= 0) {
      List<String> parts = MockText.pieces(text);
      if (parts.size() > req.maxTokens()) {
        text = String.join("", parts.subList(0, req.maxTokens()));
        finish = "length";
      }
    }
    long promptWords = 0;
    for (Message m : req.messages()) promptWords += countWords(m.content());
    return new ChatResult(text, new Usage(promptWords, countWords(text)), finish);
  }

  static String generator(String model, String prompt, long h) {
    String quote = MockText.quote(prompt);
    int t = pick(h, OPENERS.length);
    String opener = QUOTE_FIRST[t] ? String.format(Locale.ROOT, OPENERS[t], quote, model)
        : String.format(Locale.ROOT, OPENERS[t], model, quote);
    return opener + " " + CLOSERS[pick(mix(h + 1), CLOSERS.length)];
  }

  static String critic(String model, int n, List<String> candidates) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= Math.max(n, 1); i++) {
      String cand = i <= candidates.size() ? candidates.get(i - 1) : "";
      long h = mix(MockText.fnv(model + '\u0000' + i + '\u0000' + cand));
      if (i > 1) sb.append("\n\n");
      sb.append('[').append(i).append("]\nStrengths:\n");
      if (cand.isBlank() && i <= candidates.size()) {
        sb.append("- None\nWeaknesses:\n- The response is empty and does not answer the query.");
        continue;
      }
      int words = countWords(cand);
      sb.append(words > 1 ? "- Answers the query in about " + words + " words.\n" : "- Gets straight to the point.\n")
          .append("- ").append(STRENGTHS[pick(h, STRENGTHS.length)]).append('\n')
          .append("Weaknesses:\n- ").append(WEAKNESSES[pick(mix(h + 7), WEAKNESSES.length)]);
    }
    return sb.toString();
  }

  /** Ranks every candidate by length, longest first (ties: lower number first); all n, so any top_k is covered. */
  static String ranker(int n, List<String> candidates) {
    int count = Math.max(n, 1);
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= count; i++) order.add(i);
    if (candidates.size() == count) {
      order.sort(Comparator.comparingInt((Integer i) -> -candidates.get(i - 1).length())
          .thenComparingInt(i -> i));
    }
    List<String> parts = new ArrayList<>();
    for (int i : order) parts.add("[" + i + "]");
    return String.join(" > ", parts);
  }

  /** {@code maxWords} > 0: the fuser's word limit (length_control). */
  static String fuser(boolean critiques, int n, List<String> candidates, int maxWords) {
    StringBuilder sb = new StringBuilder("Combining ").append(n == 1 ? "1 candidate answer" : n + " candidate answers")
        .append(critiques ? " and their critiques" : "").append(':');
    String first = candidates.isEmpty() ? "" : MockText.firstSentence(candidates.get(0));
    sb.append(' ').append(first.isEmpty() ? "the candidates agree on the main points." : first);
    if (candidates.size() > 1) {
      String second = MockText.firstSentence(candidates.get(1));
      if (!second.isEmpty() && !second.equals(first)) sb.append(" Also: ").append(second);
    }
    return maxWords > 0 ? MockText.firstWords(sb.toString(), maxWords) : sb.toString();
  }

  /** {@code count} numbered tests (1 to 20; 3 when the call asks for none). */
  static String unitTests(int count) {
    int tests = count > 0 ? Math.min(20, count) : 3;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= tests; i++) {
      if (i > 1) sb.append('\n');
      sb.append(i).append(". ").append(TESTS[(i - 1) % TESTS.length]);
    }
    return sb.toString();
  }

  /** A verdict in the verifier's format: mostly [Correct], [Incorrect] for about one request in four. */
  static String verdict(long h) {
    return pick(h, 4) == 0 ? "The candidate misses part of what the query asks for.\n[Incorrect]"
        : "The candidate answers the query correctly and completely.\n[Correct]";
  }

  /** One "[i] passed" / "[i] failed" line per test: {@code tests} of them as the call says (3 when it says none). */
  static String evaluations(int tests, long h) {
    int count = tests > 0 ? tests : 3;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      if (i > 1) sb.append('\n');
      sb.append('[').append(i).append("] ").append(pick(mix(h + i), 4) == 0 ? "failed" : "passed");
    }
    return sb.toString();
  }
}

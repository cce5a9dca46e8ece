package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What flows from one layer to the next: the candidate answers in order and, when a critic or verifier judged them,
 * one critique per candidate ({@code critiques} is null otherwise), plus the unit tests written for the query
 * ({@code unitTests} is null until a unit_test_generator ran). Critiques belong to the candidates they judged, so any
 * reordering moves both together and a layer that writes new candidates drops them; unit tests belong to the query
 * and travel on unchanged. {@code toolCalls} (null when every candidate is text) holds each candidate's function
 * calls, moving with it like its critique: such a candidate's text is the calls rendered for judges to read
 * ({@link Candidates#render}), its calls are what the client gets.
 */
public record PipelineState(List<String> candidates, List<String> critiques, UnitTests unitTests,
    List<List<ToolCall>> toolCalls) {
  public static final PipelineState EMPTY = new PipelineState(List.of(), null, null);

  public PipelineState {
    candidates = List.copyOf(candidates);
    if (critiques != null && critiques.size() != candidates.size()) {
      throw new IllegalArgumentException("critiques must match candidates");
    }
    critiques = critiques == null ? null : List.copyOf(critiques);
    if (toolCalls != null && toolCalls.size() != candidates.size()) {
      throw new IllegalArgumentException("tool calls must match candidates");
    }
    toolCalls = toolCalls == null || toolCalls.stream().allMatch(List::isEmpty) ? null : List.copyOf(toolCalls);
  }

  public PipelineState(List<String> candidates, List<String> critiques, UnitTests unitTests) {
    this(candidates, critiques, unitTests, null);
  }

  public PipelineState(List<String> candidates, List<String> critiques) {
    this(candidates, critiques, null);
  }

  public static PipelineState of(List<String> candidates) {
    return new PipelineState(candidates, null, null);
  }

  public int size() { return candidates.size(); }

  /** New candidates (without critiques) that keep this state's unit tests. */
  public PipelineState withCandidates(List<String> newCandidates) {
    return new PipelineState(newCandidates, null, unitTests);
  }

  /** New candidates from model answers (text or tool calls), without critiques, keeping the unit tests. */
  public PipelineState withAnswers(List<ChatResult> answers) {
    // Once per component run: an array wrapped by List.of, which the constructor's List.copyOf keeps as it is.
    String[] texts = new String[answers.size()];
    boolean anyCalls = false;
    for (int i = 0; i < texts.length; i++) {
      ChatResult a = answers.get(i);
      texts[i] = Candidates.render(a);
      anyCalls |= !a.toolCalls().isEmpty();
    }
    List<List<ToolCall>> calls = anyCalls ? answers.stream().map(ChatResult::toolCalls).toList() : null;
    return new PipelineState(List.of(texts), null, unitTests, calls);
  }

  /** The same candidates with these critiques (or none). */
  public PipelineState withCritiques(List<String> newCritiques) {
    return new PipelineState(candidates, newCritiques, unitTests, toolCalls);
  }

  public PipelineState withUnitTests(UnitTests tests) {
    return new PipelineState(candidates, critiques, tests, toolCalls);
  }

  /** Candidate {@code i}'s function calls (empty for a text candidate). */
  public List<ToolCall> toolCalls(int i) {
    return toolCalls == null ? List.of() : toolCalls.get(i);
  }

  /** The tests later generators and fusers see appended to the query: empty when none or hidden. */
  public List<String> testsForPrompt() {
    return unitTests == null || !unitTests.inPrompt() ? List.of() : unitTests.tests();
  }

  /** The candidates (and their critiques) at {@code order}'s indexes, in that order. */
  public PipelineState select(List<Integer> order) {
    List<String> c = new ArrayList<>(order.size());
    List<String> k = critiques == null ? null : new ArrayList<>(order.size());
    List<List<ToolCall>> t = toolCalls == null ? null : new ArrayList<>(order.size());
    for (int i : order) {
      c.add(candidates.get(i));
      if (k != null) k.add(critiques.get(i));
      if (t != null) t.add(toolCalls.get(i));
    }
    return new PipelineState(c, k, unitTests, t);
  }

  /** The first {@code n} candidates (with their critiques). */
  public PipelineState limit(int n) {
    if (n >= size()) return this;
    return new PipelineState(candidates.subList(0, n), critiques == null ? null : critiques.subList(0, n), unitTests,
        toolCalls == null ? null : toolCalls.subList(0, n));
  }

  /**
   * Layer outputs concatenated in config order; critiques survive only if every part has them; the unit tests are
   * the first part's that has any (a layer normally has one unit_test_generator).
   */
  public static PipelineState concat(List<PipelineState> parts) {
    if (parts.size() == 1) return parts.get(0);
    List<String> c = new ArrayList<>();
    List<String> k = new ArrayList<>();
    List<List<ToolCall>> t = new ArrayList<>();
    boolean allCritiqued = true;
    UnitTests tests = null;
    for (PipelineState p : parts) {
      c.addAll(p.candidates());
      for (int i = 0; i < p.size(); i++) t.add(p.toolCalls(i));
      if (p.critiques() == null) allCritiqued = false;
      else k.addAll(p.critiques());
      if (tests == null || (tests.isEmpty() && p.unitTests() != null)) tests = p.unitTests();
    }
    return new PipelineState(c, allCritiqued ? k : null, tests, t);
  }
}

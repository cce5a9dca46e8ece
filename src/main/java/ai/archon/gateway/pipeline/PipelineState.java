package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * What flows from one layer to the next: the candidate answers in order and, when a critic or verifier judged them,
 * one critique per candidate ({@code critiques} is null otherwise), plus the unit tests written for the query
 * ({@code unitTests} is null until a unit_test_generator ran). Critiques belong to the candidates they judged, so any
 * reordering moves both together and a layer that writes new candidates drops them; unit tests belong to the query
 * and travel on unchanged.
 */
public record PipelineState(List<String> candidates, List<String> critiques, UnitTests unitTests) {
  public static final PipelineState EMPTY = new PipelineState(List.of(), null, null);

  public PipelineState {
    candidates = List.copyOf(candidates);
    if (critiques != null && critiques.size() != candidates.size()) {
      throw new IllegalArgumentException("critiques must match candidates");
    }
    critiques = critiques == null ? null : List.copyOf(critiques);
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

  /** The same candidates with these critiques (or none). */
  public PipelineState withCritiques(List<String> newCritiques) {
    return new PipelineState(candidates, newCritiques, unitTests);
  }

  public PipelineState withUnitTests(UnitTests tests) {
    return new PipelineState(candidates, critiques, tests);
  }

  /** The tests later generators and fusers see appended to the query: empty when none or hidden. */
  public List<String> testsForPrompt() {
    return unitTests == null || !unitTests.inPrompt() ? List.of() : unitTests.tests();
  }

  /** The candidates (and their critiques) at {@code order}'s indexes, in that order. */
  public PipelineState select(List<Integer> order) {
    List<String> c = new ArrayList<>(order.size());
    List<String> k = critiques == null ? null : new ArrayList<>(order.size());
    for (int i : order) {
      c.add(candidates.get(i));
      if (k != null) k.add(critiques.get(i));
    }
    return new PipelineState(c, k, unitTests);
  }

  /** The first {@code n} candidates (with their critiques). */
  public PipelineState limit(int n) {
    if (n >= size()) return this;
    return new PipelineState(candidates.subList(0, n), critiques == null ? null : critiques.subList(0, n), unitTests);
  }

  /**
   * Layer outputs concatenated in config order; critiques survive only if every part has them; the unit tests are
   * the first part's that has any (a layer normally has one unit_test_generator).
   */
  public static PipelineState concat(List<PipelineState> parts) {
    if (parts.size() == 1) return parts.get(0);
    List<String> c = new ArrayList<>();
    List<String> k = new ArrayList<>();
    boolean allCritiqued = true;
    UnitTests tests = null;
    for (PipelineState p : parts) {
      c.addAll(p.candidates());
      if (p.critiques() == null) allCritiqued = false;
      else k.addAll(p.critiques());
      if (tests == null || (tests.isEmpty() && p.unitTests() != null)) tests = p.unitTests();
    }
    return new PipelineState(c, allCritiqued ? k : null, tests);
  }
}

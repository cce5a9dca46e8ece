package ai.archon.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * What flows from one layer to the next: the candidate answers in order and, when a critic judged them, one critique
 * per candidate ({@code critiques} is null otherwise). Critiques belong to the candidates they judged, so any
 * reordering moves both together and a layer that writes new candidates drops them.
 */
public record PipelineState(List<String> candidates, List<String> critiques) {
  public static final PipelineState EMPTY = new PipelineState(List.of(), null);

  public PipelineState {
    candidates = List.copyOf(candidates);
    if (critiques != null && critiques.size() != candidates.size()) {
      throw new IllegalArgumentException("critiques must match candidates");
    }
    critiques = critiques == null ? null : List.copyOf(critiques);
  }

  public static PipelineState of(List<String> candidates) {
    return new PipelineState(candidates, null);
  }

  public int size() { return candidates.size(); }

  /** The candidates (and their critiques) at {@code order}'s indexes, in that order. */
  public PipelineState select(List<Integer> order) {
    List<String> c = new ArrayList<>(order.size());
    List<String> k = critiques == null ? null : new ArrayList<>(order.size());
    for (int i : order) {
      c.add(candidates.get(i));
      if (k != null) k.add(critiques.get(i));
    }
    return new PipelineState(c, k);
  }

  /** The first {@code n} candidates (with their critiques). */
  public PipelineState limit(int n) {
    if (n >= size()) return this;
    return new PipelineState(candidates.subList(0, n), critiques == null ? null : critiques.subList(0, n));
  }

  /** Layer outputs concatenated in config order; critiques survive only if every part has them. */
  public static PipelineState concat(List<PipelineState> parts) {
    if (parts.size() == 1) return parts.get(0);
    List<String> c = new ArrayList<>();
    List<String> k = new ArrayList<>();
    boolean allCritiqued = true;
    for (PipelineState p : parts) {
      c.addAll(p.candidates());
      if (p.critiques() == null) allCritiqued = false;
      else k.addAll(p.critiques());
    }
    return new PipelineState(c, allCritiqued ? k : null);
  }
}

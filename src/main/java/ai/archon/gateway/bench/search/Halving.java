package ai.archon.gateway.bench.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optimiser: asynchronous successive halving (ASHA, Li et al. 2018) over question subsets, with new
 * architectures chosen by a {@link Surrogate}'s upper confidence bound. Rung r scores on the first {@code rungs[r]}
 * development questions (each rung {@link #ETA} times the last, the top one all of them). Each step is, in order:
 * <ol>
 *   <li>a promotion: an architecture in the top 1/ETA of those within the cost limit on its rung, not yet on the
 *       next rung;</li>
 *   <li>each model alone (one sample, no other layer), the baselines every search should know;</li>
 *   <li>the unevaluated architecture with the highest upper confidence bound of the surrogate fitted to rung-0
 *       scores;</li>
 * </ol>
 * New architectures stop when {@code patience} of them in a row (half the surrogate's features, at least
 * {@link #MIN_PATIENCE}; those over the cost limit count as not beating it) did not beat the best rung-0 score within
 * the cost limit, or when the space is exhausted; then the architectures one step simpler than the best are tried
 * (greedily, as long as a simpler one becomes the best), the best within the limit is confirmed rung by rung up to
 * the full question set, and the search has converged.
 */
final class Halving {
  static final int ETA = 3;
  static final int MIN_QUESTIONS = 2;
  static final int MIN_PATIENCE = 4;

  /** What to evaluate next: an architecture on rung {@code rung}. */
  record Step(Architecture architecture, int rung) { }

  private final List<Architecture> space;
  private final Map<String, Architecture> byId = new HashMap<>();
  private final List<double[]> features = new ArrayList<>();
  private final List<ModelRef> models;
  private final int[] rungs;
  private final double maxCostPerQuery;
  private final int patience;
  private final Set<String> failed = new HashSet<>();

  Halving(List<Architecture> space, List<ModelRef> models, int[] rungs, double maxCostPerQuery) {
    this.space = space;
    this.models = models;
    this.rungs = rungs;
    this.maxCostPerQuery = maxCostPerQuery;
    space.forEach(a -> {
      byId.put(a.id(), a);
      features.add(a.features(models));
    });
    this.patience = space.isEmpty() ? 0 : Math.max(MIN_PATIENCE, features.get(0).length / 2);
  }

  /** Question counts per rung: the total, a third of it, a ninth ... down to {@link #MIN_QUESTIONS}, ascending. */
  static int[] rungs(int questions) {
    List<Integer> sizes = new ArrayList<>();
    for (int s = questions; s >= MIN_QUESTIONS || sizes.isEmpty(); s = (s + ETA - 1) / ETA) {
      sizes.add(0, s);
      if (s <= 1) break;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  int[] rungs() { return rungs; }

  int patience() { return patience; }

  Architecture architecture(String id) { return byId.get(id); }

  /** An architecture whose evaluation failed (its calls kept failing): never proposed again. */
  void failed(String id) {
    failed.add(id);
  }

  /** The next step after {@code done} (in the order they finished), or null when the search has converged. */
  Step next(List<Evaluation> done) {
    Step promotion = promotion(done);
    if (promotion != null) return promotion;
    Step fresh = sinceImprovement(done) < patience ? fresh(done) : null;
    if (fresh != null) return fresh;
    Step simpler = simplification(done);
    return simpler != null ? simpler : confirmation(done);
  }

  /**
   * When the surrogate's exploration is over: an untried architecture one step simpler than the best within the
   * limit (one sample, fuser layer, fuser or generator fewer, or one optional layer dropped), so that a cheaper
   * architecture of equal score replaces it (the upper confidence bound favours rich architectures early).
   */
  private Step simplification(List<Evaluation> done) {
    Evaluation best = best(done, maxCostPerQuery, Integer.MAX_VALUE);
    Architecture a = best == null ? null : byId.get(best.id());
    if (a == null) return null;
    Set<String> tried = new HashSet<>(failed);
    done.stream().filter(e -> e.rung() == 0).forEach(e -> tried.add(e.id()));
    for (Architecture simpler : simpler(a)) {
      Architecture known = byId.get(simpler.id());
      if (known != null && !tried.contains(known.id())) return new Step(known, 0);
    }
    return null;
  }

  /** The architectures one step simpler than {@code a} (some may be outside the space). */
  static List<Architecture> simpler(Architecture a) {
    List<Architecture> out = new ArrayList<>();
    Architecture.Stages s = a.stages();
    if (a.samples() > 1) out.add(a.withSamples(a.samples() - 1));
    if (s.fuserWidth() > 1) out.add(a.with(s.withFusers(s.fuserDepth(), s.fuserWidth() - 1)));
    if (s.fuserDepth() > 0) out.add(a.with(s.withFusers(s.fuserDepth() - 1, 1)));
    if (s.critic()) out.add(a.with(s.withCritic(false)));
    if (s.rankerTopK() > 0) out.add(a.with(s.withRankerTopK(0)));
    if (s.verifier()) out.add(a.with(s.withVerifier(false)));
    if (s.unitTests()) out.add(a.with(s.withUnitTests(false)));
    List<ModelRef> g = a.generators();
    for (ModelRef drop : g.size() > 1 ? g : List.<ModelRef>of()) {
      List<ModelRef> fewer = new ArrayList<>(g);
      fewer.remove(drop);
      out.add(a.withGenerators(fewer));
    }
    return out;
  }

  /**
   * A model alone first, then the unevaluated architecture with the highest upper confidence bound (of those whose
   * cost per query may be within the limit: the cost surrogate's lower bound is); null when none is left.
   */
  private Step fresh(List<Evaluation> done) {
    Set<String> tried = new HashSet<>(failed);
    done.stream().filter(e -> e.rung() == 0).forEach(e -> tried.add(e.id()));
    for (Architecture a : space) {
      if (a.candidates() == 1 && a.aggregator() == null && !tried.contains(a.id())) return new Step(a, 0);
    }
    List<double[]> xs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Double> costs = new ArrayList<>();
    for (Evaluation e : done) {
      Architecture a = byId.get(e.id());
      if (e.rung() == 0 && a != null) {
        xs.add(a.features(models));
        scores.add(e.score());
        costs.add(e.costUsdPerQuery());
      }
    }
    int dim = features.isEmpty() ? 0 : features.get(0).length;
    Surrogate s = Surrogate.fit(xs, scores, dim);
    // with a cost limit, a second surrogate predicts the cost per query: an architecture surely over it is not tried
    Surrogate cost = Double.isInfinite(maxCostPerQuery) ? null : Surrogate.fit(xs, costs, dim);
    int best = -1;
    double bound = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < space.size(); i++) {
      if (tried.contains(space.get(i).id())) continue;
      if (cost != null && cost.lowerBound(features.get(i)) > maxCostPerQuery) continue;
      double u = s.upperBound(features.get(i));
      if (u > bound) {
        bound = u;
        best = i;
      }
    }
    return best < 0 ? null : new Step(space.get(best), 0);
  }

  /**
   * Before the search ends, the best within the cost limit is confirmed on the next rung, until the best is on the
   * full question set (a top third of too few architectures may have promoted nothing).
   */
  private Step confirmation(List<Evaluation> done) {
    Evaluation best = best(done, maxCostPerQuery, Integer.MAX_VALUE);
    if (best == null || best.rung() >= rungs.length - 1 || failed.contains(best.id())) return null;
    Architecture a = byId.get(best.id());
    return a == null ? null : new Step(a, best.rung() + 1);
  }

  /** Promotions go to the highest rung first, so a good architecture reaches the full set as early as possible. */
  private Step promotion(List<Evaluation> done) {
    for (int r = rungs.length - 2; r >= 0; r--) {
      List<Evaluation> at = atRung(done, r).stream().filter(e -> e.costUsdPerQuery() <= maxCostPerQuery).toList();
      Set<String> above = new HashSet<>();
      atRung(done, r + 1).forEach(e -> above.add(e.id()));
      int keep = at.size() / ETA;
      for (Evaluation e : at.subList(0, keep)) {
        Architecture a = byId.get(e.id());
        if (a != null && !failed.contains(e.id()) && !above.contains(e.id())) return new Step(a, r + 1);
      }
    }
    return null;
  }

  /** The latest evaluation of each architecture on rung {@code r}, best first. */
  static List<Evaluation> atRung(List<Evaluation> done, int r) {
    Map<String, Evaluation> latest = new HashMap<>();
    done.stream().filter(e -> e.rung() == r).forEach(e -> latest.put(e.id(), e));
    List<Evaluation> out = new ArrayList<>(latest.values());
    out.sort(Evaluation::better);
    return out;
  }

  /** New rung-0 architectures evaluated since the best rung-0 score within the cost limit last rose. */
  private int sinceImprovement(List<Evaluation> done) {
    double best = Double.NEGATIVE_INFINITY;
    int since = 0;
    for (Evaluation e : done) {
      if (e.rung() != 0) continue;
      if (e.costUsdPerQuery() > maxCostPerQuery) {
        since++;
        continue;
      }
      if (e.score() > best) {
        best = e.score();
        since = 0;
      } else {
        since++;
      }
    }
    return since;
  }

  /**
   * The best architecture within the limits: among those on the highest rung any of them reached (scores on
   * different question sets do not compare), the best by {@link Evaluation#better}; null when none qualifies.
   */
  static Evaluation best(List<Evaluation> done, double maxCostPerQuery, int maxLayers) {
    for (int r = done.stream().mapToInt(Evaluation::rung).max().orElse(-1); r >= 0; r--) {
      for (Evaluation e : atRung(done, r)) {
        if (e.costUsdPerQuery() <= maxCostPerQuery && e.layers() <= maxLayers) return e;
      }
    }
    return null;
  }

  /** The quality-cost Pareto frontier of rung {@code r}: no other is at least as good and as cheap, and better in one. */
  static List<Evaluation> frontier(List<Evaluation> done, int r) {
    List<Evaluation> at = atRung(done, r);
    List<Evaluation> out = new ArrayList<>();
    for (Evaluation e : at) {
      boolean dominated = at.stream().anyMatch(o -> o != e && o.score() >= e.score()
          && o.costUsdPerQuery() <= e.costUsdPerQuery()
          && (o.score() > e.score() || o.costUsdPerQuery() < e.costUsdPerQuery()));
      if (!dominated) out.add(e);
    }
    out.sort(Comparator.comparingDouble(Evaluation::costUsdPerQuery).thenComparing(Evaluation::better));
    return out;
  }
}

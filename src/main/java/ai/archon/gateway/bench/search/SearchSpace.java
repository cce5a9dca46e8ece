package ai.archon.gateway.bench.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Archon's space over the given models, enumerated in a fixed order: every non-empty subset of the models as
 * generators with 1 to {@link #MAX_SAMPLES} samples each; with any aggregator model, an optional critic, ranker
 * ({@code top_k} in {@link #TOP_KS}, below the candidate count), verifier and unit-test generator/evaluator pair, and
 * 0 to {@link #MAX_FUSER_DEPTH} fuser layers (1 to {@link #MAX_FUSER_WIDTH} fusers in each but the last). Left out
 * as pointless: an architecture that aggregates nothing yet has several candidates (its answer is the first
 * generator's), a critic nobody reads (no ranker or fuser after it), and anything over {@code maxLayers}.
 */
final class SearchSpace {
  static final int MAX_SAMPLES = 2;
  static final int[] TOP_KS = {1, 2};
  static final int MAX_FUSER_DEPTH = 2;
  static final int MAX_FUSER_WIDTH = 2;

  private SearchSpace() { }

  static List<Architecture> enumerate(List<ModelRef> models, int maxLayers) {
    List<Architecture> out = new ArrayList<>();
    for (int mask = 1; mask < 1 << models.size(); mask++) {
      List<ModelRef> gens = new ArrayList<>();
      for (int i = 0; i < models.size(); i++) if ((mask & 1 << i) != 0) gens.add(models.get(i));
      for (int samples = 1; samples <= MAX_SAMPLES; samples++) {
        Architecture plain = new Architecture(gens, samples, null, new Architecture.Stages(false, 0, false, false, 0, 1));
        if (plain.candidates() == 1 && plain.layers() <= maxLayers) out.add(plain);
        for (ModelRef aggregator : models) aggregated(out, gens, samples, aggregator, maxLayers);
      }
    }
    return out;
  }

  private static void aggregated(List<Architecture> out, List<ModelRef> gens, int samples, ModelRef aggregator,
      int maxLayers) {
    int candidates = gens.size() * samples;
    for (int unitTests = 0; unitTests < 2; unitTests++) {
      for (int verifier = 0; verifier < 2; verifier++) {
        for (int critic = 0; critic < 2; critic++) {
          for (int k = -1; k < TOP_KS.length; k++) {
            int topK = k < 0 ? 0 : TOP_KS[k];
            if (topK > 0 && topK >= candidates) continue;
            for (int depth = 0; depth <= MAX_FUSER_DEPTH; depth++) {
              for (int width = 1; width <= (depth > 1 ? MAX_FUSER_WIDTH : 1); width++) {
                if (unitTests + verifier + critic == 0 && topK == 0 && depth == 0) continue;
                if (critic == 1 && topK == 0 && depth == 0) continue;
                Architecture a = new Architecture(gens, samples, aggregator, new Architecture.Stages(critic == 1, topK, verifier == 1,
                    unitTests == 1, depth, width));
                if (a.layers() <= maxLayers) out.add(a);
              }
            }
          }
        }
      }
    }
  }
}

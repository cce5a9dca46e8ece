package ai.archon.gateway.config;

import java.util.List;

/**
 * Checks that candidates can flow through the layers as Archon runs them: layers run in order, generators and fusers
 * add candidates, every other type passes the incoming ones on, and a layer that adds candidates replaces the incoming
 * ones. So a component that needs candidates must come after a generator or fuser, a generator-only layer must not
 * follow candidates (they would be lost), and a unit_test_evaluator needs an earlier unit_test_generator. What each
 * type needs and adds is its {@link ComponentKind}'s to say.
 */
final class CandidateFlow {
  private CandidateFlow() {}

  /** @param layers each layer's component types, in order; all known */
  static void check(List<List<ComponentKind>> layers, FileProblems problems) {
    boolean candidates = false;
    boolean unitTests = false;
    for (int i = 0; i < layers.size(); i++) {
      List<ComponentKind> kinds = layers.get(i);
      String layer = "layer " + (i + 1);
      boolean freshOnly = !kinds.isEmpty() && kinds.stream().allMatch(ComponentKind::startsFresh);
      if (freshOnly && candidates) {
        problems.error(layer, "a generator-only layer after a layer that produced candidates would throw the earlier"
            + " candidates away (to build on them, use fusers, as Archon's MoA configs do)");
      }
      for (int j = 0; j < kinds.size(); j++) {
        String type = kinds.get(j).type();
        String where = layer + ", component " + (j + 1) + " (" + type + ")";
        if (kinds.get(j).needsCandidates() && !candidates) {
          problems.error(where, type + " receives no candidates: "
              + (i == 0 ? "it is in the first layer" : "no earlier layer has a generator or fuser"));
        }
        if (kinds.get(j).needsUnitTests() && !unitTests) {
          problems.error(where, type + " needs unit tests from an earlier unit_test_generator layer");
        }
      }
      if (kinds.stream().anyMatch(ComponentKind::producesCandidates)) candidates = true;
      if (kinds.stream().anyMatch(ComponentKind::writesUnitTests)) unitTests = true;
    }
  }
}

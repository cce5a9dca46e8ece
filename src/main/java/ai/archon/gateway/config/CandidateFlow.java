package ai.archon.gateway.config;

import java.util.List;

/**
 * Checks that candidates can flow through the layers as Archon runs them: layers run in order, generators and fusers
 * add candidates, every other type passes the incoming ones on, and a layer that adds candidates replaces the incoming
 * ones. So a component that needs candidates must come after a generator or fuser, a generator-only layer must not
 * follow candidates (they would be lost), and a unit_test_evaluator needs an earlier unit_test_generator.
 */
final class CandidateFlow {
  private CandidateFlow() {}

  private static boolean needsCandidates(String type, ExtensionTypes ext) {
    return ext.hasComponentType(type) && !ComponentTypes.ALL.contains(type) ? ext.needsCandidates(type)
        : ComponentTypes.NEED_CANDIDATES.contains(type);
  }

  private static boolean producesCandidates(String type, ExtensionTypes ext) {
    return ext.hasComponentType(type) && !ComponentTypes.ALL.contains(type) ? ext.producesCandidates(type)
        : ComponentTypes.PRODUCE_CANDIDATES.contains(type);
  }

  /** @param layerTypes each layer's component types, in order; all known Archon types */
  static void check(List<List<String>> layerTypes, FileProblems problems, ExtensionTypes ext) {
    boolean candidates = false;
    boolean unitTests = false;
    for (int i = 0; i < layerTypes.size(); i++) {
      List<String> types = layerTypes.get(i);
      String layer = "layer " + (i + 1);
      boolean generatorsOnly = !types.isEmpty() && types.stream().allMatch(ComponentTypes.GENERATOR::equals);
      if (generatorsOnly && candidates) {
        problems.error(layer, "a generator-only layer after a layer that produced candidates would throw the earlier"
            + " candidates away (to build on them, use fusers, as Archon's MoA configs do)");
      }
      for (int j = 0; j < types.size(); j++) {
        String type = types.get(j);
        String where = layer + ", component " + (j + 1) + " (" + type + ")";
        if (needsCandidates(type, ext) && !candidates) {
          problems.error(where, type + " receives no candidates: "
              + (i == 0 ? "it is in the first layer" : "no earlier layer has a generator or fuser"));
        }
        if (ComponentTypes.UNIT_TEST_EVALUATOR.equals(type) && !unitTests) {
          problems.error(where, "unit_test_evaluator needs unit tests from an earlier unit_test_generator layer");
        }
      }
      if (types.stream().anyMatch(t -> producesCandidates(t, ext))) candidates = true;
      if (types.contains(ComponentTypes.UNIT_TEST_GENERATOR)) unitTests = true;
    }
  }
}

package ai.archon.gateway.config;

import java.util.Set;

/** The seven Archon component types, and which of them produce candidates (the rest pass candidates through). */
public final class ComponentTypes {
  public static final String GENERATOR = "generator";
  public static final String CRITIC = "critic";
  public static final String RANKER = "ranker";
  public static final String FUSER = "fuser";
  public static final String VERIFIER = "verifier";
  public static final String UNIT_TEST_GENERATOR = "unit_test_generator";
  public static final String UNIT_TEST_EVALUATOR = "unit_test_evaluator";

  /** Every component type Archon knows, in its documentation order. */
  public static final Set<String> ALL = Set.of(
      GENERATOR, CRITIC, RANKER, FUSER, VERIFIER, UNIT_TEST_GENERATOR, UNIT_TEST_EVALUATOR);

  /** The types that consume candidates from earlier layers: in a layer that receives none they have nothing to do. */
  public static final Set<String> NEED_CANDIDATES = Set.of(CRITIC, RANKER, FUSER, VERIFIER, UNIT_TEST_EVALUATOR);

  /** The types that add candidates; every other type leaves the incoming candidates to the next layer. */
  public static final Set<String> PRODUCE_CANDIDATES = Set.of(GENERATOR, FUSER);

  private ComponentTypes() {}
}

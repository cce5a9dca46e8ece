package ai.archon.gateway.model;

/**
 * Why the pipeline makes a call: the component role, how many candidates the prompt numbers, and how many things the
 * prompt asks for (unit tests to write, or a fuser's word limit; 0 when it names no number). Real providers ignore
 * it; the offline {@code Mock} provider answers from it in the format that role's prompt asks for.
 */
public record Purpose(String role, int candidates, int requested) {
  public static final String GENERATOR = "generator";
  public static final String CRITIC = "critic";
  public static final String RANKER = "ranker";
  public static final String FUSER = "fuser";
  public static final String VERIFIER_REASONING = "verifier_reasoning";
  public static final String VERIFIER = "verifier";
  public static final String UNIT_TEST_GENERATOR = "unit_test_generator";
  public static final String UNIT_TEST_EVALUATOR = "unit_test_evaluator";

  public static final Purpose DIRECT = new Purpose(GENERATOR, 0);

  /** A call whose prompt asks for no particular number of things. */
  public Purpose(String role, int candidates) {
    this(role, candidates, 0);
  }
}

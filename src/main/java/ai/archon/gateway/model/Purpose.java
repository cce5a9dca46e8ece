package ai.archon.gateway.model;

/**
 * Why the pipeline makes a call: the component role and how many candidates the prompt numbers. Real providers ignore
 * it; the offline {@code Mock} provider uses it to answer in the format that role's prompt asks for.
 */
public record Purpose(String role, int candidates) {
  public static final Purpose DIRECT = new Purpose("generator", 0);
}

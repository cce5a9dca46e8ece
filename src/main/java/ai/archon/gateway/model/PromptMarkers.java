package ai.archon.gateway.model;

/**
 * The markers the pipeline's prompts put around the data they show a model (candidates numbered {@code [1]} … inside
 * {@code <candidates>}, critiques inside {@code <critiques>}). The prompt classes write them and the offline Mock
 * provider reads them from here, so rewording a prompt cannot silently break the demo; everything else the Mock needs
 * (role, counts, word limits) comes in the call's {@link Purpose}.
 */
public final class PromptMarkers {
  /** The tag around the numbered candidates. */
  public static final String CANDIDATES = "candidates";
  /** The tag around the numbered critiques. */
  public static final String CRITIQUES = "critiques";
  /** The tag around a tool's result where a prompt shows the conversation as a transcript. */
  public static final String TOOL_RESULT = "tool_result";

  private PromptMarkers() { }

  /** {@code <tag>} */
  public static String open(String tag) {
    return "<" + tag + ">";
  }

  /** {@code </tag>} */
  public static String close(String tag) {
    return "</" + tag + ">";
  }

  /** The header line of item {@code i} (from 1) in a numbered section: {@code [i]}. */
  public static String number(int i) {
    return "[" + i + "]";
  }
}

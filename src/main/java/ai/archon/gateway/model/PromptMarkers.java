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
    return open(new StringBuilder(tag.length() + 2), tag).toString();
  }

  /** {@code </tag>} */
  public static String close(String tag) {
    return close(new StringBuilder(tag.length() + 3), tag).toString();
  }

  /** The header line of item {@code i} (from 1) in a numbered section: {@code [i]}. */
  public static String number(int i) {
    return number(new StringBuilder(4), i).toString();
  }

  // The appending forms write straight into a prompt being built: no string per marker.

  /** Appends {@code <tag>} to {@code sb}. */
  public static StringBuilder open(StringBuilder sb, String tag) {
    return sb.append('<').append(tag).append('>');
  }

  /** Appends {@code </tag>} to {@code sb}. */
  public static StringBuilder close(StringBuilder sb, String tag) {
    return sb.append("</").append(tag).append('>');
  }

  /** Appends {@code [i]} to {@code sb}. */
  public static StringBuilder number(StringBuilder sb, int i) {
    return sb.append('[').append(i).append(']');
  }
}

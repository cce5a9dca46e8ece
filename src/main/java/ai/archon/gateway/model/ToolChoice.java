package ai.archon.gateway.model;

/** OpenAI's {@code tool_choice}: {@code auto}, {@code none}, {@code required}, or one named function. */
public record ToolChoice(Mode mode, String function) {
  public enum Mode { AUTO, NONE, REQUIRED, FUNCTION }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public static ToolChoice function(String name) { return new ToolChoice(Mode.FUNCTION, name); }

  /** Whether the answer must be a tool call (required, or a named function). */
  public boolean forcesCall() { return mode == Mode.REQUIRED || mode == Mode.FUNCTION; }
}

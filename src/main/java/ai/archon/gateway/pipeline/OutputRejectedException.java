package ai.archon.gateway.pipeline;

/**
 * The ensemble's answer does not have the shape the client asked for (a forced tool call, valid tool arguments, a
 * response format), even after the final component was asked once more: answered as a 502 with {@code code}
 * ({@code tool_choice_not_honoured}, {@code invalid_tool_call}, {@code invalid_structured_output}), never as a reply
 * that only looks compliant.
 */
public class OutputRejectedException extends RuntimeException {
  private final String code;

  public OutputRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() { return code; }
}

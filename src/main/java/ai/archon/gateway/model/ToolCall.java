package ai.archon.gateway.model;

/**
 * One function call a model asked for: the provider's (or the client's) call {@code id}, kept end to end so that the
 * client's {@code tool} message can answer it; the function {@code name}; its {@code arguments} as a JSON text, as
 * OpenAI carries them.
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}

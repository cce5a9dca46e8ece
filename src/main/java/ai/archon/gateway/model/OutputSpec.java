package ai.archon.gateway.model;

import java.util.List;

/**
 * What shape the answer may take besides plain text: the client's function {@code tools}, its {@code toolChoice}
 * (null: not sent), {@code parallelToolCalls} (null: not sent) and {@code responseFormat}. {@link #NONE} is a plain
 * text request. In an ensemble the tools go to generators and fusers, the format to the final layer.
 */
public record OutputSpec(List<ToolSpec> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
    ResponseFormat responseFormat) {
  public static final OutputSpec NONE = new OutputSpec(List.of(), null, null, ResponseFormat.TEXT);

  public OutputSpec {
    tools = tools == null ? List.of() : List.copyOf(tools);
    responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
  }

  public boolean hasTools() { return !tools.isEmpty(); }

  public boolean isPlainText() { return tools.isEmpty() && !responseFormat.wantsJson(); }

  /** This spec without tools (what judges get: they keep their own formats). */
  public OutputSpec withoutTools() { return new OutputSpec(List.of(), null, null, responseFormat); }

  /** This spec without the response format (what non-final layers get). */
  public OutputSpec withoutFormat() { return new OutputSpec(tools, toolChoice, parallelToolCalls, ResponseFormat.TEXT); }

  /** The declared tool of that name, or null. */
  public ToolSpec tool(String name) {
    for (ToolSpec t : tools) if (t.name().equals(name)) return t;
    return null;
  }
}

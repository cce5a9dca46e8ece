package ai.archon.gateway.provider;

import ai.archon.gateway.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tool calls assembled from a stream whose content blocks are numbered (Anthropic's {@code index}, Bedrock's
 * {@code contentBlockIndex}): a call starts with its id and name, its arguments arrive as JSON text pieces.
 */
public final class StreamedCalls {
  private static final class Call {
    final String id;
    final String name;
    final StringBuilder args = new StringBuilder();

    Call(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private final Map<Integer, Call> calls = new TreeMap<>();

  /** A tool-call block started at {@code index}. */
  public void start(int index, String id, String name) {
    calls.put(index, new Call(id, name));
  }

  /** The name of the call at {@code index}, or null when that block is not a tool call. */
  public String name(int index) {
    Call c = calls.get(index);
    return c == null ? null : c.name;
  }

  /** Appends an arguments piece to the call at {@code index}; false when that block is not a tool call. */
  public boolean append(int index, String piece) {
    Call c = calls.get(index);
    if (c == null || piece == null) return false;
    c.args.append(piece);
    return true;
  }

  /** The calls in block order, without the one named {@code skip} (the forced JSON answer; null skips none). */
  public List<ToolCall> calls(String skip) {
    List<ToolCall> out = new ArrayList<>();
    for (Call c : calls.values()) {
      if (!c.name.equals(skip)) out.add(new ToolCall(c.id, c.name, c.args.toString()));
    }
    return out;
  }

  /** The arguments text of the call named {@code name}, or null. */
  public String argumentsOf(String name) {
    for (Call c : calls.values()) if (c.name.equals(name)) return c.args.length() == 0 ? "{}" : c.args.toString();
    return null;
  }
}

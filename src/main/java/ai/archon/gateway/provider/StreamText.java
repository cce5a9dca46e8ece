package ai.archon.gateway.provider;

import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ToolCall;
import java.util.List;

import java.util.function.Consumer;

/**
 * The part every protocol's stream reader shares: who is streaming (for error messages), the text so far, and the
 * consumer each new piece goes to as it arrives.
 */
public final class StreamText {
  private final String provider;
  private final String model;
  private final Consumer<String> onDelta;
  private final StringBuilder text = new StringBuilder();

  public StreamText(String provider, String model, Consumer<String> onDelta) {
    this.provider = provider;
    this.model = model;
    this.onDelta = onDelta;
  }

  /** Appends a piece and hands it on; null and empty pieces are dropped (keep-alive deltas, role-only chunks). */
  public void emit(String piece) {
    if (piece == null || piece.isEmpty()) return;
    text.append(piece);
    onDelta.accept(piece);
  }

  /** The failure to throw for an error inside the stream, named after this provider and model. */
  public UpstreamException failure(int status, String detail) {
    return UpstreamException.of(provider, model, status, detail);
  }

  /** The finished answer with the usage and finish reason the stream reported. */
  public ChatResult result(Usage usage, String finish) {
    return new ChatResult(text.toString(), usage, finish);
  }

  /** The finished answer with the tool calls the stream assembled. */
  public ChatResult result(Usage usage, String finish, List<ToolCall> toolCalls) {
    return new ChatResult(text.toString(), usage, finish, toolCalls);
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Usage;
import java.util.function.Consumer;

/**
 * The stream state of a protocol whose JSON answer comes as the input of the forced {@link JsonAnswerTool} (Anthropic,
 * Bedrock Converse): streamed tool calls are gathered, and while that tool is forced its argument pieces are the
 * answer's text and any other text (a preamble before the call) is not relayed, so the client gets the JSON alone.
 */
public abstract class ToolAnswerStream extends StreamReader {
  protected final StreamedCalls calls = new StreamedCalls();
  /** Whether the request forced {@link JsonAnswerTool#NAME}. */
  private final boolean jsonAnswer;
  /** Whether the stream's closing event arrived. */
  protected boolean stopped;

  protected ToolAnswerStream(String provider, String model, Consumer<String> onDelta, boolean jsonAnswer) {
    super(provider, model, onDelta);
    this.jsonAnswer = jsonAnswer;
  }

  /** A piece of the answer's text: relayed unless the answer is the forced tool's input. */
  protected final void text(String piece) {
    if (!jsonAnswer) out.emit(piece);
  }

  /** A piece of call {@code index}'s arguments: kept, and relayed as the answer's text when it is the forced tool's. */
  protected final void arguments(int index, String piece) {
    calls.append(index, piece);
    if (jsonAnswer && JsonAnswerTool.NAME.equals(calls.name(index))) out.emit(piece);
  }

  /** The finished answer with {@code usage}: the client's tool calls, the forced tool's JSON, or the text. */
  protected final ChatResult result(Usage usage) {
    return JsonAnswerTool.streamed(out, usage, finish, calls, jsonAnswer);
  }
}

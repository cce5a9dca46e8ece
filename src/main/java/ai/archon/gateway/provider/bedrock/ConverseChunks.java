package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.provider.HttpCalls;
import io.vertx.core.buffer.Buffer;

/**
 * Feeds a ConverseStream body ({@code application/vnd.amazon.eventstream} framing) to its
 * {@link BedrockMapper.StreamState} message by message, and tells the exchange when the stream is complete; a body
 * that ends before {@code messageStop} fails the call.
 */
final class ConverseChunks implements HttpCalls.Chunks {
  private final BedrockMapper.StreamState state;
  private final EventStreamDecoder decoder = new EventStreamDecoder(this::message);
  private boolean complete;

  ConverseChunks(BedrockMapper.StreamState state) {
    this.state = state;
  }

  private void message(EventStreamDecoder.Message m) {
    if (!complete && state.onMessage(m, JsonIo.read(Buffer.buffer(m.payload())))) complete = true;
  }

  @Override
  public boolean onChunk(Buffer chunk) {
    decoder.handle(chunk);
    return complete;
  }

  @Override
  public void onEnd() {
    decoder.end();
    if (!state.stopped()) throw new IllegalStateException("ConverseStream ended before messageStop");
  }
}

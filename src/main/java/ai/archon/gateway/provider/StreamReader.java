package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatResult;
import java.util.function.Consumer;

/**
 * What every protocol's stream state starts from: the text so far and where each piece goes ({@link StreamText}),
 * and the finish reason the stream reported (null until it does).
 */
public abstract class StreamReader {
  protected final StreamText out;
  protected String finish;

  protected StreamReader(String provider, String model, Consumer<String> onDelta) {
    this.out = new StreamText(provider, model, onDelta);
  }

  /** The finished answer, once the stream ended. */
  public abstract ChatResult result();
}

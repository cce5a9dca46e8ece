package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Usage;
import java.util.function.Consumer;

/**
 * What every protocol's stream state starts from: the text so far and where each piece goes ({@link StreamText}),
 * and the finish reason and usage the stream reported (null until it does).
 */
public abstract class StreamReader {
  protected final StreamText out;
  protected String finish;
  protected Usage usage;

  protected StreamReader(String provider, String model, Consumer<String> onDelta) {
    this.out = new StreamText(provider, model, onDelta);
  }

  /** Keeps {@code reported} when a chunk carried usage: the counts are running totals, so the last one stands. */
  protected final void usageSeen(Usage reported) {
    if (reported != null) usage = reported;
  }

  /** The finished answer, once the stream ended. */
  public abstract ChatResult result();
}

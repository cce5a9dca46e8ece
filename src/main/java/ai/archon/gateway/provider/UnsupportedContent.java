package ai.archon.gateway.provider;

import ai.archon.gateway.model.UpstreamException;
import java.util.function.Supplier;

/**
 * A request a wire protocol cannot express (audio for Anthropic, an image address for Bedrock, tool-call arguments
 * that are not a JSON object...). The pure mappers throw it without knowing the provider's configured name;
 * {@link #named} turns it into a 400 naming provider and model before any connection is taken, so the client learns
 * which component refused what instead of the part being dropped.
 */
public final class UnsupportedContent extends IllegalArgumentException {

  public UnsupportedContent(String what) {
    super(what);
  }

  /** Runs a mapper; its refusal becomes a non-retryable 400 {@code unsupported_content} naming the provider. */
  public static <T> T named(String provider, String model, Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (UnsupportedContent e) {
      throw new UpstreamException(provider, 400, "unsupported_content", false,
          provider + " (" + model + ") cannot take this request: " + e.getMessage());
    }
  }
}

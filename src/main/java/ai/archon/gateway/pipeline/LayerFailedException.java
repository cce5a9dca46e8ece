package ai.archon.gateway.pipeline;

/** A layer yielded no candidates: every component that could write one failed. Names the layer and components. */
public class LayerFailedException extends RuntimeException {
  public LayerFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

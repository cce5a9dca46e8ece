package ai.archon.gateway.bench;

/** A pinned file could be neither found locally nor downloaded and verified; the message says how to supply it. */
public final class DataUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataUnavailableException(String message) {
    super(message);
  }
}

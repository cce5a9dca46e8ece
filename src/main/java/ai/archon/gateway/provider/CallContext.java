package ai.archon.gateway.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * What every upstream call of one client request shares: its request id (for logs) and its cancellation. When the
 * client disconnects or the deadline passes, {@link #cancel()} resets every upstream HTTP request still running.
 * Used only from the request's event loop, so it needs no locking.
 */
public final class CallContext {
  private final String requestId;
  private final List<Runnable> onCancel = new ArrayList<>();
  private boolean cancelled;
  private int retries;

  public CallContext(String requestId) {
    this.requestId = requestId;
  }

  public static CallContext detached() {
    return new CallContext("-");
  }

  public String requestId() { return requestId; }

  public boolean cancelled() { return cancelled; }

  /** Counts one upstream retry for this request (the resilience layer calls it; the access log reports it). */
  public void retried() { retries++; }

  public int retries() { return retries; }

  /** Registers an action to run on cancel (at once if already cancelled); returns a handle that forgets it. */
  public Runnable onCancel(Runnable action) {
    if (cancelled) {
      action.run();
      return () -> { };
    }
    onCancel.add(action);
    return () -> onCancel.remove(action);
  }

  public void cancel() {
    if (cancelled) return;
    cancelled = true;
    List<Runnable> actions = new ArrayList<>(onCancel);
    onCancel.clear();
    actions.forEach(Runnable::run);
  }
}

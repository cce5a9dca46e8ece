package ai.archon.gateway.observe;

import ai.archon.gateway.model.UpstreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** Names the outcome of an upstream attempt for {@link GatewayEvents}: a small fixed set, fit for metric labels. */
public final class Outcomes {
  private Outcomes() { }

  public static String of(Throwable failure) {
    if (failure == null) return "ok";
    if (failure instanceof CancellationException) return "cancelled";
    if (failure instanceof TimeoutException) return "timeout";
    if (failure instanceof UpstreamException) {
      UpstreamException e = (UpstreamException) failure;
      if ("cancelled".equals(e.code())) return "cancelled";
      return e.status() == 0 ? "io" : "error";
    }
    return "error";
  }

  /** The upstream HTTP status, 200 for success, 0 when there was none. */
  public static int status(Throwable failure) {
    if (failure == null) return 200;
    return failure instanceof UpstreamException ? ((UpstreamException) failure).status() : 0;
  }
}

package ai.archon.gateway.scale;

import java.util.List;

/**
 * The answer of one shared rate-limit check: whether the call may go ({@code allowed}), after how long
 * ({@code waitMs}, a reservation already counted), and per bucket what is left (may be negative while reservations
 * wait) and when it is full again.
 */
public record Permit(boolean allowed, long waitMs, List<Left> buckets) {
  public Permit {
    buckets = List.copyOf(buckets);
  }

  /** What one bucket holds after the check. */
  public record Left(String id, long limit, long remaining, long resetMs) { }

  /** One bucket of a check: its id (scope/name/dimension), limit per minute and what this call costs. */
  public record Bucket(String id, long limit, long cost) { }
}

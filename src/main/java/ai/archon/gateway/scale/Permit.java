package ai.archon.gateway.scale;

/**
 * The answer of one rate-limit check: whether the call may go ({@code allowed}), after how long ({@code waitMs}, a
 * reservation already counted), what is left of {@code limit} (may be negative while reservations wait), when the
 * bucket is full again, and whether the shared store answered ({@code shared}) or this replica's local share did.
 */
public record Permit(boolean allowed, long waitMs, long remaining, long resetMs, long limit, boolean shared) {
}

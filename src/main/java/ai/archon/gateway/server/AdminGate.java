package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.resilience.ClientKeys;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the admin routes ({@code /v1/archon/providers}, {@code /metrics}) with {@code ARCHON_ADMIN_KEY}
 * ({@code Authorization: Bearer <key>}, compared in constant time) when it is set; without it, the admin views are
 * guarded like the other {@code /v1} routes and {@code /metrics} is open.
 */
final class AdminGate {
  static final String ENV = "ARCHON_ADMIN_KEY";
  private final ClientKeys admin;

  AdminGate(String adminKey) {
    this.admin = adminKey == null || adminKey.isBlank() ? null : ClientKeys.single(adminKey.strip());
  }

  /** True when an admin key is set. */
  boolean configured() { return admin != null; }

  /** True when an admin key is set and the request presents it. */
  boolean admits(RoutingContext ctx) {
    return admin != null && admin.match(KeyGate.bearer(ctx.request().getHeader("authorization"))) != null;
  }

  /** This gate when an admin key is set, else {@code otherwise}. */
  Handler<RoutingContext> or(Handler<RoutingContext> otherwise) {
    if (admin == null) return otherwise;
    return ctx -> {
      if (admin.match(KeyGate.bearer(ctx.request().getHeader("authorization"))) == null) {
        ctx.fail(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
            "the admin routes (/metrics, /v1/archon/providers) need Authorization: Bearer <ARCHON_ADMIN_KEY>"));
        return;
      }
      ctx.next();
    };
  }
}

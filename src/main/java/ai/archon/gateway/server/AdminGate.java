package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.resilience.ClientKeys;
import io.vertx.core.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the admin routes ({@code /v1/archon/providers}, {@code /v1/archon/models}, {@code /metrics}, the console)
 * with {@code ARCHON_ADMIN_KEY} ({@code Authorization: Bearer <key>}, compared in constant time) when it is set;
 * without it, the admin views are guarded like the other {@code /v1} routes and {@code /metrics} is open. The
 * console's pages also take the key as a Basic password, so that a browser can ask for it.
 */
final class AdminGate {
  static final String ENV = "ARCHON_ADMIN_KEY";
  private final ClientKeys admin;

  AdminGate(String adminKey) {
    this.admin = adminKey == null || adminKey.isBlank() ? null : ClientKeys.single(adminKey.strip());
  }

  /**
   * The console's gate: with an admin key set, its Bearer token or the password of Basic credentials (any user name)
   * must be the key; a refusal asks the browser for them ({@code WWW-Authenticate: Basic}).
   */
  Handler<RoutingContext> console() {
    if (admin == null) return RoutingContext::next;
    return ctx -> {
      String header = ctx.request().getHeader("authorization");
      String key = KeyGate.bearer(header);
      if (admin.match(key != null ? key : basicPassword(header)) == null) {
        ctx.response().putHeader("www-authenticate", "Basic realm=\"Archon console\", charset=\"UTF-8\"");
        ctx.fail(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
            "the console needs the admin key: Authorization: Bearer <ARCHON_ADMIN_KEY> (or as a Basic password)"));
        return;
      }
      ctx.next();
    };
  }

  /** The password of {@code Basic} credentials, or null. */
  private static String basicPassword(String header) {
    if (header == null || !header.trim().regionMatches(true, 0, "Basic ", 0, 6)) return null;
    try {
      String decoded = new String(Base64.getDecoder().decode(header.trim().substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** This gate when an admin key is set, else {@code otherwise}. */
  Handler<RoutingContext> or(Handler<RoutingContext> otherwise) {
    if (admin == null) return otherwise;
    return ctx -> {
      if (admin.match(KeyGate.bearer(ctx.request().getHeader("authorization"))) == null) {
        ctx.fail(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
            "the admin routes (/metrics, /v1/archon/...) need Authorization: Bearer <ARCHON_ADMIN_KEY>"));
        return;
      }
      ctx.next();
    };
  }
}

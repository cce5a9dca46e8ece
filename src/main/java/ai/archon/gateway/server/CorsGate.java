package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.CorsSettings;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS for browser apps ({@code server.cors.allowed_origins}; off by default, so no route sees this then). It runs
 * before the key gates, so a preflight needs no API key. An allowed origin goes to Vert.x Web's {@link CorsHandler}:
 * a preflight is answered 204 with the allowed methods, the request's own headers ({@code Authorization} included)
 * and a max-age; an actual response gets {@code Access-Control-Allow-Origin} and {@code Access-Control-Expose-Headers}
 * naming the gateway's own headers. A preflight from any other origin is a 403 error; an actual request from one is
 * served without CORS headers, so a browser keeps its page from reading it while other clients (and the gateway's own
 * pages, whose same-origin requests carry an {@code Origin} too) are unaffected.
 */
final class CorsGate implements Handler<RoutingContext> {
  /** The headers a browser app may read: the gateway's own, OpenAI's rate-limit ones and Retry-After. */
  static final Set<String> EXPOSED = Set.of("x-request-id", "x-archon-upstream-calls", "x-archon-retries",
      "x-archon-cache", "x-archon-degraded", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests",
      "x-ratelimit-reset-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens",
      "x-ratelimit-reset-tokens", "retry-after");
  /** How long a browser may cache a preflight (Chromium caps it at 7200 s, Firefox at 86400 s). */
  static final int MAX_AGE_SECONDS = 600;

  private final CorsSettings settings;
  private final CorsHandler granted;

  private CorsGate(CorsSettings settings) {
    this.settings = settings;
    this.granted = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
        .exposedHeaders(EXPOSED)
        .maxAgeSeconds(MAX_AGE_SECONDS);
    // No allowedHeaders: the handler then echoes the preflight's Access-Control-Request-Headers, which covers
    // Authorization (a "*" would not: the spec leaves Authorization out of the wildcard).
    if (settings.anyOrigin()) {
      granted.addOrigin(CorsSettings.ANY);
    } else {
      // Origins are case-insensitive in scheme and host; the settings hold them in lower case.
      settings.allowedOrigins().forEach(o -> granted.addOriginWithRegex("(?i)" + Pattern.quote(o)));
    }
  }

  /** The gate for these settings, or empty when CORS is off. */
  static Optional<CorsGate> of(CorsSettings settings) {
    return settings.enabled() ? Optional.of(new CorsGate(settings)) : Optional.empty();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || allowed(origin)) {
      granted.handle(ctx);
      return;
    }
    ctx.response().headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
        && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (!preflight) {
      ctx.next();
      return;
    }
    ctx.fail(new ApiException(403, "invalid_request_error", "cors_origin_not_allowed", null,
        "this origin is not in the gateway's server.cors.allowed_origins"));
  }

  private boolean allowed(String origin) {
    return settings.anyOrigin() || settings.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT));
  }
}

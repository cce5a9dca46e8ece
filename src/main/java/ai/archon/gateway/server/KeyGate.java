package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.TokenEstimate;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.resilience.Limiter;
import ai.archon.gateway.resilience.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Inbound keys: {@link #authenticate} (every {@code /v1} route) requires {@code Authorization: Bearer <key>} when
 * keys are configured (401 otherwise); {@link #admit} (chat, after the body is read) applies the key's model
 * allow-list (404, as for an unknown model) and its rpm/tpm (429 with Retry-After), and sends OpenAI's
 * {@code x-ratelimit-*} headers on every answer.
 */
record KeyGate(ClientKeys keys, GatewayEvents events) {

  /** Router handler: the next step when the request may go on, a 401 else. */
  void authenticate(RoutingContext ctx) {
    if (known(ctx)) ctx.next();
  }

  /** True when the request may go on (no keys configured, or its key matched); it failed with 401 else. */
  boolean known(RoutingContext ctx) {
    if (!keys.required()) return true;
    ClientKeys.ClientKey key = keys.match(bearer(ctx.request().getHeader("authorization")));
    if (key == null) {
      ctx.fail(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
          "Incorrect or missing API key: send Authorization: Bearer <gateway key>"));
      return false;
    }
    Inbound.of(ctx).clientKey(key);
    return true;
  }

  /** True when the request's key (if any) may see {@code model}. */
  static boolean allows(RoutingContext ctx, String model) {
    ClientKeys.ClientKey key = Inbound.of(ctx).clientKey();
    return key == null || key.spec().allows(model);
  }

  /** Runs {@code then} once the key's allow-list and limits admit the request; fails it else. */
  void admit(RoutingContext ctx, Handler<RoutingContext> then) {
    Inbound in = Inbound.of(ctx);
    ClientKeys.ClientKey key = in.clientKey();
    if (key == null) {
      then.handle(ctx);
      return;
    }
    JsonNode body = null;
    try {
      body = in.tree(ctx.body().buffer()); // kept: the chat handler reuses it instead of parsing the body again
    } catch (RuntimeException e) {
      // the chat handler answers 400 for a body it cannot read
    }
    String model = body == null ? null : body.path("model").asText(null);
    if (model != null && !key.spec().allows(model)) {
      ctx.fail(ApiException.notFound(model));
      return;
    }
    long tokens = TokenEstimate.of(ctx.body().length(), body == null ? 0L : body.path("max_tokens").asLong(0));
    key.limiter().reserve(tokens, 0).onComplete(ar -> {
      headers(ctx.response(), key);
      if (ar.succeeded()) {
        then.handle(ctx);
        return;
      }
      if (ar.cause() instanceof RateLimitedException) {
        RateLimitedException e = (RateLimitedException) ar.cause();
        events.rateLimitRejected("key", key.name());
        ctx.response().putHeader("retry-after", Long.toString(Math.max(1, (e.retryAfterMs() + 999) / 1000)));
        ctx.fail(new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null,
            "gateway key '" + key.name() + "' is over its rate limit; retry in " + e.retryAfterMs() + " ms"));
        return;
      }
      ctx.fail(ar.cause()); // the shared limit store is down and configured to reject (503)
    });
  }

  /** OpenAI's rate-limit headers for the key's limits that are set. */
  private static void headers(HttpServerResponse resp, ClientKeys.ClientKey key) {
    Limiter.Usage u = key.limiter().usage();
    long rpm = key.spec().rpm();
    long tpm = key.spec().tpm();
    if (rpm > 0) {
      resp.putHeader("x-ratelimit-limit-requests", Long.toString(rpm));
      resp.putHeader("x-ratelimit-remaining-requests", Long.toString(Math.max(0, rpm - u.requests())));
      resp.putHeader("x-ratelimit-reset-requests", duration(u.resetMs()));
    }
    if (tpm > 0) {
      resp.putHeader("x-ratelimit-limit-tokens", Long.toString(tpm));
      resp.putHeader("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, tpm - u.tokens())));
      resp.putHeader("x-ratelimit-reset-tokens", duration(u.resetMs()));
    }
  }

  /** OpenAI's duration format: {@code 20ms}, {@code 6s}, {@code 1m30s}. */
  static String duration(long ms) {
    if (ms < 1000) return ms + "ms";
    long s = (ms + 999) / 1000;
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }

  /** The key of an {@code Authorization: Bearer <key>} header, or null. */
  static String bearer(String header) {
    if (header == null) return null;
    String h = header.trim();
    return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
  }
}

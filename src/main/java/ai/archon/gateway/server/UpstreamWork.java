package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.Governance;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.resilience.Deadline;
import ai.archon.gateway.resilience.GuardedProviders;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The upstream side of one API request (chat, embeddings): the call context every upstream call of the request
 * shares (counted in the response headers, bounded by the request's memory budget) and its deadline. A client that
 * disconnects cancels the calls still running.
 */
record UpstreamWork(CallContext call, Deadline deadline) {

  /** Starts the request's upstream work; {@code x-archon-timeout-ms} that is not a number is a 400 here. */
  static UpstreamWork begin(Vertx vertx, RoutingContext ctx, Inbound in, Governance governance) {
    CallContext call = new CallContext(in.requestId());
    in.calls(call);
    call.memory(in.memory());
    Deadline deadline = Deadline.start(vertx, call, timeoutMs(ctx, governance));
    // Through the routing context, not response close/end handlers, so the drain count and the request timer (also
    // end handlers) still see the end. A failed end means the connection closed first: stop upstream work.
    ctx.addEndHandler(ar -> {
      if (ar.failed()) call.cancel();
      deadline.stop(vertx);
    });
    return new UpstreamWork(call, deadline);
  }

  /** {@code defaults.request_timeout_ms}, or the smaller {@code x-archon-timeout-ms} header (400 when not a number). */
  private static long timeoutMs(RoutingContext ctx, Governance governance) {
    String header = ctx.request().getHeader(Deadline.HEADER);
    if (header != null && !header.isBlank() && !header.trim().matches("[0-9]{1,12}")) {
      throw ApiException.invalid(Deadline.HEADER, Deadline.HEADER + " must be a whole number of milliseconds");
    }
    return Deadline.millis(governance.requestTimeoutMs(), header);
  }

  /** 503 before any upstream call when a needed key is missing: the message names the variables, never values. */
  static void requireKeys(GuardedProviders providers, String model, List<String> modelTypes) {
    List<String> missing = providers.missingKeys(modelTypes);
    if (!missing.isEmpty()) {
      throw new ApiException(503, "server_error", "provider_key_missing", "model",
          "model '" + model + "' needs provider keys that are not set: " + String.join(", ", missing)
              + " (set the environment variable and restart the gateway)");
    }
  }
}

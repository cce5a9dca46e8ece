package ai.archon.gateway.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Answers requests the router cannot take with a 400 OpenAI error before they reach it: an HTTP/1.x request without
 * {@code Host} (RFC 9112 §3.2), which Vert.x Web turns into an exception and so a 500 on every route.
 */
final class MalformedRequests implements Handler<HttpServerRequest> {
  private final Handler<HttpServerRequest> router;

  MalformedRequests(Handler<HttpServerRequest> router) {
    this.router = router;
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (req.version() != HttpVersion.HTTP_2 && req.authority() == null) {
      reject(req, 400, "the Host header is required in HTTP/1.1");
      return;
    }
    router.handle(req);
  }

  static void reject(HttpServerRequest req, int status, String message) {
    OpenAiError error = new OpenAiError(status, "invalid_request_error", "invalid_request", null, message);
    req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("connection", "close").end(OpenAiResponses.json(error.toJson()));
  }
}

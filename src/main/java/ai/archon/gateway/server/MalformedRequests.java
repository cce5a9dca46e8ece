package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the router cannot take with a 400 OpenAI error before they reach it: an HTTP/1.x request without
 * {@code Host} (RFC 9112 §3.2), which Vert.x Web turns into an exception and so a 500 on every route; and, as the
 * server's invalid-request handler, requests the HTTP codec could not decode (Vert.x answers those with no body).
 */
final class MalformedRequests implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);
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

  /**
   * The server's invalid-request handler: a request the HTTP codec could not decode gets the status Netty's
   * decoder implies (414 request line too long, 431 headers too large, else 400) as an OpenAI error, logged at DEBUG:
   * it is the client's fault, not the gateway's.
   */
  static void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    LOG.debug("undecodable request from {}: {}", req.remoteAddress(), String.valueOf(cause));
    if (cause instanceof TooLongHttpLineException) {
      reject(req, 414, "the request line is longer than the gateway accepts");
    } else if (cause instanceof TooLongHttpHeaderException) {
      reject(req, 431, "the request headers are larger than the gateway accepts");
    } else {
      reject(req, 400, "the request is not valid HTTP");
    }
  }

  static void reject(HttpServerRequest req, int status, String message) {
    OpenAiError error = new OpenAiError(status, "invalid_request_error", "invalid_request", null, message);
    req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("connection", "close").end(OpenAiResponses.json(error.toJson()));
  }
}

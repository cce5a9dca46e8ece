package ai.archon.gateway.api;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.pipeline.LayerFailedException;
import ai.archon.gateway.pipeline.OutputRejectedException;
import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.resilience.RateLimitedException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeoutException;

/**
 * The one place failures become OpenAI error JSON ({@code {"error":{"message","type","param","code"}}}) with their
 * HTTP status; used by the router's failure handler and by the SSE writer once headers are out.
 */
public record OpenAiError(int status, String type, String code, String param, String message) {

  public static OpenAiError from(Throwable t) {
    if (t instanceof ApiException) return ((ApiException) t).error();
    if (t instanceof io.vertx.ext.web.handler.HttpException) {
      return ofStatus(((io.vertx.ext.web.handler.HttpException) t).getStatusCode());
    }
    if (t instanceof RateLimitedException) {
      return new OpenAiError(429, "rate_limit_error", "rate_limit_exceeded", null, t.getMessage());
    }
    if (t instanceof CallNotPermittedException) {
      return new OpenAiError(503, "server_error", "upstream_unavailable", null, t.getMessage());
    }
    if (t instanceof MemoryBudget.ExhaustedException) {
      return new OpenAiError(503, "server_error", "overloaded", null, t.getMessage());
    }
    if (t instanceof OutputRejectedException) {
      return new OpenAiError(502, "server_error", ((OutputRejectedException) t).code(), null, t.getMessage());
    }
    if (t instanceof LayerFailedException) {
      // Named after what stopped the layer when that was the gateway's own protection, else the upstream's fault.
      if (t.getCause() instanceof RateLimitedException
          || (t.getCause() instanceof UpstreamException && ((UpstreamException) t.getCause()).status() == 429)) {
        return new OpenAiError(429, "rate_limit_error", "rate_limit_exceeded", null, t.getMessage());
      }
      if (t.getCause() instanceof CallNotPermittedException) {
        return new OpenAiError(503, "server_error", "upstream_unavailable", null, t.getMessage());
      }
      return new OpenAiError(502, "server_error", "upstream_error", null, t.getMessage());
    }
    if (t instanceof UpstreamException) {
      UpstreamException e = (UpstreamException) t;
      if (e.status() == 400 || e.status() == 404 || e.status() == 413 || e.status() == 422) {
        return new OpenAiError(400, "invalid_request_error", e.code(), null, e.getMessage());
      }
      if (e.status() == 429) return new OpenAiError(429, "rate_limit_error", "rate_limit_exceeded", null, e.getMessage());
      return new OpenAiError(502, "server_error", e.code(), null, e.getMessage());
    }
    if (t instanceof TimeoutException) {
      return new OpenAiError(504, "server_error", "timeout", null, t.getMessage());
    }
    return new OpenAiError(500, "server_error", "internal_error", null, "internal error in the gateway");
  }

  public static OpenAiError ofStatus(int status) {
    switch (status) {
      case 413: return new OpenAiError(413, "invalid_request_error", "request_too_large", null, "request body is larger than the gateway accepts");
      case 404: return new OpenAiError(404, "invalid_request_error", "not_found", null, "no such endpoint");
      case 405: return new OpenAiError(405, "invalid_request_error", "method_not_allowed", null, "method not allowed on this endpoint");
      case 400: return new OpenAiError(400, "invalid_request_error", "invalid_request", null, "bad request");
      default: return new OpenAiError(status, "server_error", "internal_error", null, "internal error in the gateway");
    }
  }

  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", type);
    if (param == null) e.putNull("param"); else e.put("param", param);
    if (code == null) e.putNull("code"); else e.put("code", code);
    return root;
  }
}

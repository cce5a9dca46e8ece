package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * A JSON endpoint takes JSON: {@code application/json} or any {@code +json} type (parameters such as a charset
 * allowed), or no content type at all (read as JSON, as curl scripts and some SDKs send it); anything else is 415
 * before the body is read, so a form or multipart body is never decoded as one (that decoder echoed the prompt into
 * a logged exception).
 */
final class JsonContentType {
  private JsonContentType() { }

  /** True when the request's body may be read as JSON; it failed with 415 else. */
  static boolean accepted(RoutingContext ctx) {
    String header = ctx.request().getHeader("content-type");
    if (header == null || header.isBlank() || isJson(header)) return true;
    ctx.fail(new ApiException(415, "invalid_request_error", "unsupported_media_type", null,
        "this endpoint takes a JSON body: send Content-Type: application/json"));
    return false;
  }

  static boolean isJson(String header) {
    int semi = header.indexOf(';');
    String type = (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}

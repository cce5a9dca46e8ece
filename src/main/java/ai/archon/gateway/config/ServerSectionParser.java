package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the settings file's {@code "server"} section: body limits, connection timeouts, CORS, the web console and the
 * Responses API store. {@code server} is the section, or null when the file has none.
 */
record ServerSectionParser(FileFields fields, JsonNode server) {
  private static final Set<String> SERVER_KEYS = Set.of("max_body_bytes", "idle_timeout_ms", "header_timeout_ms",
      "max_inflight_body_bytes", "write_stall_timeout_ms", "send_buffer_bytes", "cors", "console", "console_reports",
      "responses");
  private static final Set<String> CORS_KEYS = Set.of("allowed_origins");
  private static final Set<String> RESPONSES_KEYS = Set.of("store_ttl_seconds", "store_max_entries");
  /** What a browser sends as {@code Origin}: a scheme, a host and maybe a port; no path, no wildcard. */
  private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#*\\s]+");

  long maxBodyBytes() {
    if (server == null || server.isNull()) return Settings.DEFAULT_MAX_BODY_BYTES;
    if (!server.isObject()) throw fields.fail("server", "must be an object, got " + StrictJson.describe(server));
    fields.warnUnknown(server, "server", SERVER_KEYS);
    return wholeNumber(server, "server", "max_body_bytes", Settings.DEFAULT_MAX_BODY_BYTES, "bytes");
  }

  ServerTimeouts timeouts() {
    if (server == null || !server.isObject()) return ServerTimeouts.DEFAULT;
    return new ServerTimeouts(millis("idle_timeout_ms", ServerTimeouts.DEFAULT.idleTimeoutMs()),
        millis("header_timeout_ms", ServerTimeouts.DEFAULT.headerTimeoutMs()),
        millis("write_stall_timeout_ms", ServerTimeouts.DEFAULT.writeStallTimeoutMs()));
  }

  /**
   * {@code server.console} (true, false, or absent for "on when listening on loopback") and
   * {@code server.console_reports} (a folder, relative to the settings file).
   */
  ConsoleSettings console() {
    if (server == null || !server.isObject()) return ConsoleSettings.DEFAULT;
    JsonNode on = server.get("console");
    if (on != null && !on.isNull() && !on.isBoolean()) {
      throw fields.fail("server.console", "must be true or false, got " + StrictJson.describe(on));
    }
    JsonNode reports = server.get("console_reports");
    if (reports != null && !reports.isNull() && (!reports.isTextual() || reports.asText().isBlank())) {
      throw fields.fail("server.console_reports", "must be a folder path, got " + StrictJson.describe(reports));
    }
    Path folder = null;
    if (reports != null && reports.isTextual()) {
      Path base = fields.file().toAbsolutePath().getParent();
      folder = base.resolve(reports.asText()).normalize();
    }
    return new ConsoleSettings(on == null || on.isNull() ? null : on.asBoolean(), folder);
  }

  /** {@code server.responses}: the Responses API store's TTL and bound (defaults for what is absent). */
  ResponsesSettings responses() {
    JsonNode r = server == null || !server.isObject() ? null : server.get("responses");
    if (r == null || r.isNull()) return ResponsesSettings.DEFAULT;
    if (!r.isObject()) throw fields.fail("server.responses", "must be an object, got " + StrictJson.describe(r));
    fields.warnUnknown(r, "server.responses", RESPONSES_KEYS);
    return new ResponsesSettings(
        wholeNumber(r, "server.responses", "store_ttl_seconds", ResponsesSettings.DEFAULT.ttlSeconds(), "seconds"),
        wholeNumber(r, "server.responses", "store_max_entries", ResponsesSettings.DEFAULT.maxEntries(), "entries"));
  }

  /** A positive byte count {@code server.<key>}, or 0 when absent (the caller's default applies). */
  long positiveBytes(String key) {
    return server == null || !server.isObject() ? 0 : wholeNumber(server, "server", key, 0, "bytes");
  }

  /**
   * {@code server.send_buffer_bytes}: the socket send buffer of inbound connections, 0 for the kernel's own sizing;
   * {@link Settings#DEFAULT_SEND_BUFFER_BYTES} when absent.
   */
  int sendBufferBytes() {
    JsonNode n = server == null || !server.isObject() ? null : server.get("send_buffer_bytes");
    if (n == null || n.isNull()) return Settings.DEFAULT_SEND_BUFFER_BYTES;
    return (int) inRange(n, "server.send_buffer_bytes", "bytes (0: the kernel sizes the buffer)", 0, Integer.MAX_VALUE);
  }

  private long millis(String key, long fallback) {
    return wholeNumber(server, "server", key, fallback, "milliseconds");
  }

  /** {@code section.key}: a whole number of at least 1, or {@code fallback} when absent ({@code path} names it). */
  private long wholeNumber(JsonNode section, String path, String key, long fallback, String unit) {
    JsonNode n = section.get(key);
    if (n == null || n.isNull()) return fallback;
    return inRange(n, path + "." + key, unit, 1, Long.MAX_VALUE);
  }

  /** {@code n} as a whole number from {@code min} to {@code max}; anything else fails naming {@code field}. */
  private long inRange(JsonNode n, String field, String unit, long min, long max) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
      String range = max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
      throw fields.fail(field, "must be a whole number of " + unit + ", " + range + ", got " + StrictJson.describe(n));
    }
    return n.asLong();
  }

  /** {@code server.cors.allowed_origins}: {@code "*"}, or a list of origins (or {@code ["*"]}); absent = off. */
  CorsSettings cors() {
    if (server == null || !server.isObject() || server.get("cors") == null || server.get("cors").isNull()) {
      return CorsSettings.OFF;
    }
    JsonNode cors = server.get("cors");
    if (!cors.isObject()) throw fields.fail("server.cors", "must be an object, got " + StrictJson.describe(cors));
    fields.warnUnknown(cors, "server.cors", CORS_KEYS);
    JsonNode origins = cors.get("allowed_origins");
    if (origins == null || origins.isNull()) return CorsSettings.OFF;
    if (origins.isTextual() && origins.asText().equals(CorsSettings.ANY)) return new CorsSettings(List.of(CorsSettings.ANY));
    if (!origins.isArray()) {
      throw fields.fail("server.cors.allowed_origins", "must be \"*\" or a list of origins, got "
          + StrictJson.describe(origins));
    }
    List<String> out = new ArrayList<>();
    for (JsonNode o : origins) {
      String origin = o.isTextual() ? o.asText().toLowerCase(Locale.ROOT) : null;
      boolean any = CorsSettings.ANY.equals(origin);
      if (origin == null || !(any || ORIGIN.matcher(origin).matches()) || (any && origins.size() > 1)) {
        throw fields.fail("server.cors.allowed_origins", "each entry must be an origin such as"
            + " \"https://app.example.com\" or \"http://localhost:5173\" (scheme, host and port only, no path or"
            + " trailing slash), or \"*\" alone, got " + StrictJson.describe(o));
      }
      out.add(origin);
    }
    return new CorsSettings(out);
  }
}

package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;

/** Reads the settings file's {@code "server"} section: body limits, connection timeouts and the web console. */
final class ServerSectionParser {
  private static final Set<String> SERVER_KEYS = Set.of("max_body_bytes", "idle_timeout_ms", "header_timeout_ms",
      "max_inflight_body_bytes", "write_stall_timeout_ms", "console", "console_reports");

  private final FileFields fields;
  private final JsonNode server;

  /** @param server the section, or null when the file has none */
  ServerSectionParser(FileFields fields, JsonNode server) {
    this.fields = fields;
    this.server = server;
  }

  long maxBodyBytes() {
    if (server == null || server.isNull()) return Settings.DEFAULT_MAX_BODY_BYTES;
    if (!server.isObject()) throw fields.fail("server", "must be an object, got " + StrictJson.describe(server));
    fields.warnUnknown(server, "server", SERVER_KEYS);
    JsonNode n = server.get("max_body_bytes");
    if (n == null || n.isNull()) return Settings.DEFAULT_MAX_BODY_BYTES;
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) {
      throw fields.fail("server.max_body_bytes", "must be a whole number of bytes, at least 1, got "
          + StrictJson.describe(n));
    }
    return n.asLong();
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

  /** A positive {@code server.<key>}, or 0 when absent (the caller's default applies). */
  long positiveMillis(String key) {
    return server == null || !server.isObject() ? 0 : millis(key, 0);
  }

  private long millis(String key, long fallback) {
    JsonNode n = server.get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) {
      throw fields.fail("server." + key, "must be a whole number of milliseconds, at least 1, got "
          + StrictJson.describe(n));
    }
    return n.asLong();
  }
}

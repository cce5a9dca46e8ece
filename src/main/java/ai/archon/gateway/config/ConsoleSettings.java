package ai.archon.gateway.config;

import java.nio.file.Path;

/**
 * The web console ({@code GET /console}): {@code enabled} is the settings file's {@code server.console} (null when
 * absent: then on only when the gateway listens on loopback, where nobody else reaches it), and {@code reports} the
 * folder of {@code bench report} pages its Reports page lists ({@code server.console_reports}, relative to the
 * settings file; null when not set).
 */
public record ConsoleSettings(Boolean enabled, Path reports) {
  public static final ConsoleSettings DEFAULT = new ConsoleSettings(null, null);

  /** Whether the console is served by a gateway listening on {@code host}. */
  public boolean servedOn(String host) {
    return enabled != null ? enabled : loopback(host);
  }

  /** True for a host name or address only this machine can reach. */
  public static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }
}

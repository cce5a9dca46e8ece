package ai.archon.gateway.config;

import java.util.List;

/**
 * {@code server.cors}: the browser origins allowed to call the gateway ({@code scheme://host[:port]}, lower case), or
 * {@code ["*"]} for any origin. Empty (the default) is CORS off: no {@code Access-Control-*} header is ever sent.
 */
public record CorsSettings(List<String> allowedOrigins) {
  public static final CorsSettings OFF = new CorsSettings(List.of());
  /** The one value that stands for every origin. */
  public static final String ANY = "*";

  public CorsSettings {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }

  public boolean enabled() {
    return !allowedOrigins.isEmpty();
  }

  public boolean anyOrigin() {
    return allowedOrigins.contains(ANY);
  }
}

package ai.archon.gateway.config;

/** The two rules every provider base URL follows, wherever it comes from (environment or settings file). */
final class ProviderUrls {
  private ProviderUrls() {}

  static boolean isHttp(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  /** Without trailing slashes, so adapters can append {@code /chat/completions} without doubling one. */
  static String trimSlash(String url) {
    String u = url;
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    return u;
  }
}

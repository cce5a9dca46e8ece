package ai.archon.gateway.provider;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream URLs: each absolute URL taken apart once and kept (Vert.x would parse it through java.net.URL on every
 * request), and the checks and trims the adapters apply to them.
 */
public final class Urls {
  /** Parsed endpoints kept per instance; a bound, since pass-through model names (Gemini puts them in the path) come from clients. */
  private static final int MAX_TARGETS = 256;

  private final Map<String, Target> targets = new ConcurrentHashMap<>();

  /**
   * An absolute URL taken apart, with the server's address made once: given none, Vert.x makes one from the host and
   * port for every request, checking on the way whether the host is an IP literal.
   */
  record Target(String host, int port, boolean ssl, String uri, SocketAddress server) {
    static Target of(String url) {
      RequestOptions o = new RequestOptions().setAbsoluteURI(url);
      return new Target(o.getHost(), o.getPort(), o.isSsl(), o.getURI(),
          SocketAddress.inetSocketAddress(o.getPort(), o.getHost()));
    }
  }

  /** {@code url} taken apart, from the cache when it was seen before. */
  Target target(String url) {
    Target t = targets.get(url);
    if (t == null) {
      t = Target.of(url);
      if (targets.size() < MAX_TARGETS) targets.put(url, t);
    }
    return t;
  }

  /** {@code url} without trailing slashes. */
  public static String trimSlash(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') end--;
    return url.substring(0, end);
  }

  /** True when {@code uri} holds only visible ASCII, the characters a request line may carry unencoded. */
  static boolean writable(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7f) return false;
    }
    return true;
  }
}

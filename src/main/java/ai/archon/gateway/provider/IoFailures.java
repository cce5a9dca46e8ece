package ai.archon.gateway.provider;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A stable, client-safe description of an I/O failure talking to a provider: transport internals
 * ({@code io_uring read(..) failed with error(-104)}, addresses, exception names) stay in the DEBUG log.
 */
final class IoFailures {
  private IoFailures() { }

  static String describe(Throwable t) {
    String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    if (t instanceof TimeoutException || msg.contains("timeout") || msg.contains("timed out")) {
      return msg.contains("connection") ? "timed out getting a connection" : "timed out";
    }
    if (t instanceof ConnectException || msg.contains("refused")) return "connection refused";
    if (t instanceof UnknownHostException) return "host not found";
    if (t instanceof SSLException) return "TLS handshake failed";
    if (msg.contains("reset") || msg.contains("error(-104)") || msg.contains("broken pipe")) return "connection reset";
    if (t instanceof HttpClosedException || t instanceof ClosedChannelException || msg.contains("closed")) {
      return "connection closed";
    }
    if (t instanceof IOException) return "I/O error";
    return "request failed";
  }
}

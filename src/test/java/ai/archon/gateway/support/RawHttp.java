package ai.archon.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 over a socket, for requests a well-behaved client cannot send (no Host, broken framing). */
public final class RawHttp {
  private RawHttp() { }

  /**
   * Opens a connection with a 4 KiB receive buffer, sends {@code POST /v1/chat/completions} with {@code json} and
   * returns the socket unread: a client that reads when it chooses (or never), for back-pressure tests.
   */
  public static Socket postChatUnread(int port, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Socket client = new Socket();
    client.setReceiveBufferSize(4096);
    client.connect(new InetSocketAddress("127.0.0.1", port));
    OutputStream out = client.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return client;
  }

  /** Sends {@code request} as is and returns everything read until the server closes or 5 s of silence. */
  public static String exchange(int port, String request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readUntilQuiet(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status code on the first line of a raw response, or -1 when there is none. */
  public static int status(String response) {
    if (!response.startsWith("HTTP/1.")) return -1;
    return Integer.parseInt(response.substring(9, 12));
  }

  /** The body after the head (chunked framing left in place). */
  public static String body(String response) {
    int i = response.indexOf("\r\n\r\n");
    return i < 0 ? "" : response.substring(i + 4);
  }

  private static String readUntilQuiet(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      // A response without "Connection: close" leaves the socket open: stop once its length is read.
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (complete(out.toString(StandardCharsets.ISO_8859_1))) break;
      }
    } catch (SocketTimeoutException e) {
      // the server kept the connection open and said nothing more
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static boolean complete(String text) {
    int head = text.indexOf("\r\n\r\n");
    if (head < 0) return false;
    String lower = text.substring(0, head).toLowerCase();
    int cl = lower.indexOf("content-length:");
    if (cl >= 0) {
      int end = lower.indexOf("\r\n", cl);
      int len = Integer.parseInt(lower.substring(cl + 15, end < 0 ? head : end).trim());
      return text.length() - head - 4 >= len;
    }
    return lower.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
  }
}

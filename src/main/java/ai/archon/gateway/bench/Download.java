package ai.archon.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Fetches one file over HTTP(S) with the JDK's client into a target path, with a progress line on stderr and the
 * SHA-256 checked before the file is moved into place (so a cut or altered download never lands in the cache).
 * Blocking by design: it runs on the command's own thread, before any event loop exists.
 */
final class Download {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the response headers arrive; the body may take longer on a slow line. */
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
  private static final long REDRAW_NANOS = 250_000_000L;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final PrintStream err;
  private final boolean terminal;

  Download(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Downloads {@code url} to {@code target}; throws IOException on any HTTP, I/O or checksum problem. */
  void fetch(URI url, Path target, String sha256) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(HEADERS_TIMEOUT).GET().build();
    err.println("downloading " + url);
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) throw new IOException("HTTP status " + response.statusCode());
      long total = response.headers().firstValueAsLong("content-length").orElse(-1);
      Files.createDirectories(target.getParent());
      Path part = target.resolveSibling(target.getFileName() + ".part");
      String actual;
      try (OutputStream out = Files.newOutputStream(part)) {
        actual = copy(body, out, total);
      } catch (IOException e) {
        Files.deleteIfExists(part);
        throw e;
      }
      if (!actual.equals(sha256)) {
        Files.deleteIfExists(part);
        throw new IOException("checksum mismatch: the download has SHA-256 " + actual + ", expected " + sha256);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private String copy(InputStream in, OutputStream out, long total) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    long lastDraw = System.nanoTime();
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      digest.update(buffer, 0, n);
      done += n;
      if (terminal && System.nanoTime() - lastDraw > REDRAW_NANOS) {
        err.print("\r  " + amount(done, total) + "   ");
        lastDraw = System.nanoTime();
      }
    }
    err.println((terminal ? "\r  " : "  ") + amount(done, total));
    err.flush();
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String amount(long done, long total) {
    return total > 0 ? String.format(Locale.ROOT, "%,d of %,d bytes", done, total)
        : String.format(Locale.ROOT, "%,d bytes", done);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The lowercase hex SHA-256 of a local file. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

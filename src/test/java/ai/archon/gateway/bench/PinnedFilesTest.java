package ai.archon.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned-file downloader against a file served on 127.0.0.1: verified, cached, and clear when it cannot be. */
class PinnedFilesTest {
  private static final String SOURCE = "example-org/example-repo/0123456789abcdef0123456789abcdef01234567/data/q.jsonl";
  private static final byte[] BODY = "{\"id\": 1, \"prompt\": \"hello\"}\n".getBytes(StandardCharsets.UTF_8);
  private static final PinnedFile FILE = new PinnedFile("example/q.jsonl", SOURCE, sha256(BODY), "Example, Apache-2.0");

  @TempDir Path tmp;
  private Vertx vertx;
  private HttpServer server;
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      requested.add(req.path());
      if (req.path().equals("/" + SOURCE)) req.response().end(io.vertx.core.buffer.Buffer.buffer(BODY));
      else req.response().setStatusCode(404).end();
    }).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void rightChecksumIsDownloadedOnceThenReadFromTheCache() throws Exception {
    PinnedFiles files = files(null, base());

    Path first = files.locate(FILE, "--questions FILE");
    Path second = files.locate(FILE, "--questions FILE");

    assertEquals(tmp.resolve("cache/benchmarks/example/q.jsonl"), first);
    assertEquals(first, second);
    assertEquals(List.of("/" + SOURCE), requested, "one download; the second call reads the cache");
    assertTrue(java.util.Arrays.equals(BODY, Files.readAllBytes(first)));
    String progress = err.toString(StandardCharsets.UTF_8);
    assertTrue(progress.contains("downloading " + base() + "/" + SOURCE), progress);
    assertTrue(progress.contains("  " + BODY.length + " of " + BODY.length + " bytes"), progress);
    try (var listing = Files.list(first.getParent())) {
      assertEquals(1, listing.count(), "no partial file left behind");
    }
  }

  @Test
  void wrongChecksumIsAClearErrorAndNothingIsCached() {
    PinnedFile pinned = new PinnedFile(FILE.path(), SOURCE, "0".repeat(64), FILE.licence());

    DataUnavailableException e = assertThrows(DataUnavailableException.class,
        () -> files(null, base()).locate(pinned, "--questions FILE"));

    assertTrue(e.getMessage().contains(base() + "/" + SOURCE), e.getMessage());
    assertTrue(e.getMessage().contains("checksum mismatch: the download has SHA-256 " + FILE.sha256()), e.getMessage());
    assertTrue(e.getMessage().contains("--questions FILE, or ARCHON_BENCHMARK_DIR=DIR with the file at "
        + "DIR/example/q.jsonl"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("cache/benchmarks/example/q.jsonl")));
    assertFalse(Files.exists(tmp.resolve("cache/benchmarks/example/q.jsonl.part")));
  }

  @Test
  void unreachableSourceIsAClearErrorThatStatesANonCommercialLicence() throws IOException {
    PinnedFile nonCommercial = new PinnedFile(FILE.path(), SOURCE, FILE.sha256(), "Example, CC BY-NC 4.0");
    String closed = "http://127.0.0.1:" + closedPort();

    DataUnavailableException e = assertThrows(DataUnavailableException.class,
        () -> files(null, closed).locate(nonCommercial, null));

    assertTrue(e.getMessage().startsWith("cannot get example/q.jsonl from " + closed + "/" + SOURCE + ": cannot connect"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Without network, pass a local copy: ARCHON_BENCHMARK_DIR=DIR"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Licence: Example, CC BY-NC 4.0"), e.getMessage());
  }

  @Test
  void notFoundAtTheSourceNamesTheStatus() {
    PinnedFile elsewhere = new PinnedFile(FILE.path(), SOURCE + ".moved", FILE.sha256(), FILE.licence());
    DataUnavailableException e = assertThrows(DataUnavailableException.class,
        () -> files(null, base()).locate(elsewhere, null));
    assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
  }

  @Test
  void aLocalFolderComesFirstAndIsVerifiedToo() throws IOException {
    Path local = Files.createDirectories(tmp.resolve("local/example"));
    Files.write(local.resolve("q.jsonl"), BODY);
    assertEquals(local.resolve("q.jsonl"), files(tmp.resolve("local"), base()).locate(FILE, null));
    assertEquals(List.of(), requested, "nothing downloaded");

    Files.writeString(local.resolve("q.jsonl"), "edited\n");
    DataUnavailableException e = assertThrows(DataUnavailableException.class,
        () -> files(tmp.resolve("local"), base()).locate(FILE, null));
    assertTrue(e.getMessage().contains("(from ARCHON_BENCHMARK_DIR) has SHA-256"), e.getMessage());
  }

  @Test
  void aDamagedCacheEntryIsDownloadedAgain() throws IOException {
    Path cached = Files.createDirectories(tmp.resolve("cache/benchmarks/example")).resolve("q.jsonl");
    Files.writeString(cached, "torn");
    assertEquals(cached, files(null, base()).locate(FILE, null));
    assertEquals(1, requested.size());
    assertTrue(java.util.Arrays.equals(BODY, Files.readAllBytes(cached)));
  }

  @Test
  void cacheFolderComesFromArchonCacheDirThenXdgThenHome() {
    assertEquals(Path.of("/c"), PinnedFiles.cacheDir(Map.of("ARCHON_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x")));
    assertEquals(Path.of("/x/archon-gateway"), PinnedFiles.cacheDir(Map.of("XDG_CACHE_HOME", "/x")));
    assertEquals(Path.of(System.getProperty("user.home"), ".cache", "archon-gateway"), PinnedFiles.cacheDir(Map.of()));
  }

  private PinnedFiles files(Path localDir, String baseUrl) {
    return new PinnedFiles(localDir, tmp.resolve("cache"), baseUrl, new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  private String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A loopback port nothing listens on (bound by the OS, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Download.sha256().digest(bytes));
  }
}

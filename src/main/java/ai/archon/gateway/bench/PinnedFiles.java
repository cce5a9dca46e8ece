package ai.archon.gateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds a {@link PinnedFile} on this machine, or fetches it from its official source once: first in
 * {@code ARCHON_BENCHMARK_DIR} (a folder laid out like the shared {@code benchmarks/} folder, for offline use), then
 * in the cache ({@code ARCHON_CACHE_DIR}, else {@code $XDG_CACHE_HOME/archon-gateway}, else
 * {@code ~/.cache/archon-gateway}; files under {@code benchmarks/<path>}), then downloaded from
 * {@code ARCHON_BENCHMARK_BASE_URL} (default GitHub's raw host) into the cache. Every file is checked against its
 * SHA-256, so answers are always to the official set. Blocking: for commands, before any event loop runs.
 */
public record PinnedFiles(Path localDir, Path cacheDir, String baseUrl, PrintStream err, boolean terminal) {
  public static final String DIR_ENV = "ARCHON_BENCHMARK_DIR";
  public static final String CACHE_ENV = "ARCHON_CACHE_DIR";
  public static final String BASE_URL_ENV = "ARCHON_BENCHMARK_BASE_URL";

  /** Reads the folders and base URL from the environment; messages and progress go to {@code err}. */
  public static PinnedFiles fromEnv(Map<String, String> env, PrintStream err, boolean terminal) {
    String dir = env.get(DIR_ENV);
    String baseUrl = env.getOrDefault(BASE_URL_ENV, PinnedFile.DEFAULT_BASE_URL);
    return new PinnedFiles(blank(dir) ? null : Path.of(dir), cacheDir(env), baseUrl, err, terminal);
  }

  /** {@code ARCHON_CACHE_DIR}, else {@code $XDG_CACHE_HOME/archon-gateway}, else {@code ~/.cache/archon-gateway}. */
  static Path cacheDir(Map<String, String> env) {
    if (!blank(env.get(CACHE_ENV))) return Path.of(env.get(CACHE_ENV));
    if (!blank(env.get("XDG_CACHE_HOME"))) return Path.of(env.get("XDG_CACHE_HOME"), "archon-gateway");
    return Path.of(System.getProperty("user.home"), ".cache", "archon-gateway");
  }

  /**
   * The verified local path of {@code file}. {@code otherWay} (e.g. {@code --questions FILE}) is named in the
   * error as another way to pass a local copy, or null.
   */
  public Path locate(PinnedFile file, String otherWay) {
    URI url = file.url(baseUrl);
    try {
      if (localDir != null && Files.isRegularFile(localDir.resolve(file.path()))) {
        Path local = localDir.resolve(file.path());
        String actual = Download.sha256(local);
        if (actual.equals(file.sha256())) return local;
        throw new DataUnavailableException(local + " (from " + DIR_ENV + ") has SHA-256 " + actual + ", not the "
            + "official file's " + file.sha256() + " (" + url + ")" + licenceNote(file));
      }
      Path cached = cacheDir.resolve("benchmarks").resolve(file.path());
      if (Files.isRegularFile(cached)) {
        if (Download.sha256(cached).equals(file.sha256())) return cached;
        err.println("cached " + cached + " does not match its SHA-256; downloading it again");
      }
      if (file.nonCommercial()) err.println("note: " + file.path() + " is " + file.licence());
      new Download(err, terminal).fetch(url, cached, file.sha256());
      return cached;
    } catch (IOException e) {
      throw new DataUnavailableException(unavailable(file, url, e, otherWay));
    }
  }

  private String unavailable(PinnedFile file, URI url, IOException e, String otherWay) {
    String reason = e instanceof ConnectException ? "cannot connect (" + (e.getMessage() == null
        ? "no network or no route to the host" : e.getMessage()) + ")"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String local = (otherWay == null ? "" : otherWay + ", or ") + DIR_ENV + "=DIR with the file at DIR/" + file.path()
        + " (a folder laid out like the shared benchmarks/ folder; SHA-256 " + file.sha256() + ")";
    return "cannot get " + file.path() + " from " + url + ": " + reason + ". Without network, pass a local copy: "
        + local + licenceNote(file);
  }

  private static String licenceNote(PinnedFile file) {
    return file.nonCommercial() ? ". Licence: " + file.licence() : "";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

package ai.archon.gateway.bench;

import java.net.URI;
import java.util.Locale;

/**
 * A third-party file this project reads but never ships: where it is at its official source (a path under the
 * download base URL that names a fixed commit), its SHA-256, the relative path it has in a folder laid out like the
 * shared {@code benchmarks/} folder ({@code ARCHON_BENCHMARK_DIR}, the cache), and its licence, which is said
 * whenever the file is fetched or missing.
 *
 * @param path    relative path in a benchmark folder, e.g. {@code mt-bench/question.jsonl}
 * @param source  path under the base URL, e.g. {@code lm-sys/FastChat/<commit>/fastchat/.../question.jsonl}
 * @param sha256  lowercase hex SHA-256 of the file
 * @param licence who wrote it and under which licence, e.g. {@code FastChat, Apache-2.0}
 */
public record PinnedFile(String path, String source, String sha256, String licence) {
  /** GitHub's raw file host: {@code <base>/<owner>/<repo>/<commit>/<path>}. */
  public static final String DEFAULT_BASE_URL = "https://raw.githubusercontent.com";

  public PinnedFile {
    if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256);
    if (path.startsWith("/") || path.contains("..")) throw new IllegalArgumentException("not a relative path: " + path);
  }

  /** The download URL under {@code baseUrl} (a trailing slash is allowed). */
  public URI url(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + "/" + source);
  }

  /** True for a non-commercial licence, which the messages then state plainly. */
  public boolean nonCommercial() {
    return licence.toUpperCase(Locale.ROOT).contains("NC");
  }
}

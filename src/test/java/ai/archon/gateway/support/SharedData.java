package ai.archon.gateway.support;


import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Third-party data that tests need (Archon's published configs, benchmark questions, judge prompts, official
 * judgments) is never committed: it lives in the shared folder beside the project ({@code ../shared}, or the system
 * property {@code archon.shared.dir} that the POM sets). A test asks for a path here; when it is missing the test is
 * skipped with a message naming it, except under CI ({@code CI=true}), where a missing folder fails the test so that
 * CI can never pass by skipping.
 */
public final class SharedData {
  public static final String PROPERTY = "archon.shared.dir";
  /** How every skip message starts (SharedDataSkips lists the tests whose skip says so). */
  static final String MISSING = "shared data missing: ";

  private SharedData() { }

  /** The shared folder's root. */
  public static Path root() {
    return Path.of(System.getProperty(PROPERTY, "../shared")).toAbsolutePath().normalize();
  }

  /** Whether {@code relative} exists under the shared root (for code that must decide before a test runs). */
  public static boolean present(String relative) {
    return Files.exists(root().resolve(relative));
  }

  /** An existing file or folder under the shared root, or the test is skipped (failed under CI) naming what is missing. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      Prerequisites.missing(MISSING + p + " (third-party data is not in the repository; put the shared"
          + " folder beside the project or set -D" + PROPERTY + "=DIR)");
    }
    return p;
  }
}

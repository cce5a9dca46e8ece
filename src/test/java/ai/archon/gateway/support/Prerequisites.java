package ai.archon.gateway.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs is not on this machine (redis-server, Chromium, node, the shared data):
 * skipped with {@code message} on a developer's machine, failed under {@code CI=true}, where {@code .ci/run} installs
 * it and a skip would hide a broken install step.
 */
public final class Prerequisites {
  private Prerequisites() { }

  /** Ends the test: failed under {@code CI=true}, skipped otherwise. */
  public static void missing(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + "; under CI=true this fails instead of skipping");
    }
    Assumptions.abort(message);
  }
}

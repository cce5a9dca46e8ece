package ai.archon.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists, at the end of a test run, every test skipped because shared data was missing, with what was missing, so a
 * run without the shared folder says exactly what it did not check (the build tool only counts skips). Registered
 * through {@code META-INF/services}.
 */
public final class SharedDataSkips implements TestExecutionListener {
  private final List<String> skipped = new CopyOnWriteArrayList<>();

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.ABORTED) return;
    result.getThrowable().map(Throwable::getMessage).filter(m -> m != null && m.contains(SharedData.MISSING))
        .ifPresent(m -> skipped.add(name(test) + ": " + what(m)));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (skipped.isEmpty()) return;
    StringBuilder sb = new StringBuilder("Skipped for missing shared data (" + skipped.size() + "):");
    skipped.forEach(s -> sb.append("\n  ").append(s));
    sb.append("\n  (third-party data is not in the repository; put the shared folder beside the project or set -D")
        .append(SharedData.PROPERTY).append("=DIR)");
    System.out.println(sb);
  }

  /** "shared data missing: PATH", without the advice repeated on every line. */
  private static String what(String message) {
    String from = message.substring(message.indexOf(SharedData.MISSING));
    int advice = from.indexOf(" (");
    return advice < 0 ? from : from.substring(0, advice);
  }

  private static String name(TestIdentifier test) {
    String id = test.getLegacyReportingName();
    return test.getUniqueIdObject().getSegments().stream().filter(s -> s.getType().equals("class")).findFirst()
        .map(s -> s.getValue().substring(s.getValue().lastIndexOf('.') + 1) + "." + id).orElse(id);
  }
}

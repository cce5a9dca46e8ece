package ai.archon.gateway.bench.report;

import ai.archon.gateway.server.WebJars;
import java.nio.charset.StandardCharsets;

/**
 * Apache ECharts' minified bundle, read from its WebJar on the classpath (org.webjars:echarts) so the report page
 * carries the library itself and opens offline. The version is the WebJar's own, so upgrading is a POM change only.
 */
final class EChartsBundle {
  private static final String GROUP = "org.webjars";
  private static final String ARTIFACT = "echarts";

  private EChartsBundle() { }

  /** The ECharts version on the classpath. */
  static String version() {
    return WebJars.version(GROUP, ARTIFACT);
  }

  /** The source of {@code echarts.min.js}. */
  static String script() {
    return new String(WebJars.read(GROUP, ARTIFACT, "echarts.min.js"), StandardCharsets.UTF_8);
  }
}

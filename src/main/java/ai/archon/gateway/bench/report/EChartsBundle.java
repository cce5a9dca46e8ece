package ai.archon.gateway.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Apache ECharts' minified bundle, read from its WebJar on the classpath (org.webjars:echarts) so the report page
 * carries the library itself and opens offline. The version is the WebJar's own, so upgrading is a POM change only.
 */
final class EChartsBundle {
  private static final String POM_PROPERTIES = "META-INF/maven/org.webjars/echarts/pom.properties";

  private EChartsBundle() { }

  /** The ECharts version on the classpath. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = open(POM_PROPERTIES)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version");
    if (v == null) throw new IllegalStateException(POM_PROPERTIES + " names no version");
    return v;
  }

  /** The source of {@code echarts.min.js}. */
  static String script() {
    try (InputStream in = open("META-INF/resources/webjars/echarts/" + version() + "/echarts.min.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = EChartsBundle.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("the ECharts WebJar (org.webjars:echarts) is not on the classpath: " + resource);
    }
    return in;
  }
}

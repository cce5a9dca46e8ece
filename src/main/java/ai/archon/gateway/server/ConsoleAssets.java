package ai.archon.gateway.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's files, read from the jar once at startup (on a worker) and served from memory: its own page, script
 * and style sheet, and the libraries it is built with, from their WebJars (Alpine.js for the page's state and
 * templates, Apache ECharts for the architecture graph).
 */
final class ConsoleAssets {
  private static final String OWN = "ai/archon/gateway/console/";
  private final Map<String, Asset> files;

  /** One file: its bytes and content type. */
  record Asset(Buffer body, String contentType) { }

  private ConsoleAssets(Map<String, Asset> files) {
    this.files = Map.copyOf(files);
  }

  static Future<ConsoleAssets> load(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      Map<String, Asset> m = new LinkedHashMap<>();
      m.put("index.html", own("index.html", "text/html; charset=utf-8"));
      m.put("console.js", own("console.js", "text/javascript; charset=utf-8"));
      m.put("console.css", own("console.css", "text/css; charset=utf-8"));
      m.put("lib/alpine.min.js", new Asset(Buffer.buffer(WebJars.read("org.webjars.npm", "alpinejs", "dist/cdn.min.js")),
          "text/javascript; charset=utf-8"));
      m.put("lib/echarts.min.js", new Asset(Buffer.buffer(WebJars.read("org.webjars", "echarts", "echarts.min.js")),
          "text/javascript; charset=utf-8"));
      return new ConsoleAssets(m);
    });
  }

  private static Asset own(String name, String type) {
    return new Asset(Buffer.buffer(WebJars.resource(OWN + name)), type);
  }

  /** The file at {@code path} (relative to {@code /console/}), or null. */
  Asset get(String path) {
    return files.get(path.isEmpty() ? "index.html" : path);
  }
}

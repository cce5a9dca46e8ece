package ai.archon.gateway.server;

import ai.archon.gateway.config.ConsoleSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The web console: {@code GET /console/} and its files (when {@code server.console} allows it), the
 * {@code bench report} pages of the configured folder under {@code /console/reports/<name>.html}, and
 * {@code GET /v1/archon/reports} listing them (an admin route, mounted with the others). The pages are behind the
 * admin key when one is set.
 *
 * @param reports the folder of report pages, or null
 */
record Console(Vertx vertx, Path reports) {
  private static final Pattern REPORT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.html");

  /** Mounts the pages on {@code router} when {@code settings} serve them on {@code host}; done once the files load. */
  Future<Void> mount(Router router, ConsoleSettings settings, String host, AdminGate admin) {
    if (!settings.servedOn(host)) return Future.succeededFuture();
    Console console = this;
    return ConsoleAssets.load(vertx).map(assets -> {
      Handler<RoutingContext> gate = admin.console();
      router.get("/console/reports/:name").handler(gate).handler(console::report);
      // "/console/*" matches "/console" too: that one is sent to "/console/" so the page's relative links resolve.
      router.get("/console/*").handler(gate).handler(ctx -> {
        if (ctx.request().path().equals("/console")) ctx.redirect("/console/");
        else console.asset(ctx, assets);
      });
      return null;
    });
  }

  private void asset(RoutingContext ctx, ConsoleAssets assets) {
    ConsoleAssets.Asset a = assets.get(ctx.pathParam("*"));
    if (a == null) {
      ctx.fail(404);
      return;
    }
    ctx.response().putHeader("content-type", a.contentType()).putHeader("cache-control", "no-cache")
        .putHeader("x-content-type-options", "nosniff").end(a.body());
  }

  /** One report page of the folder, sent from the file system without blocking (a plain name only: no paths). */
  private void report(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (reports == null || !REPORT.matcher(name).matches()) {
      ctx.fail(404);
      return;
    }
    String file = reports.resolve(name).toString();
    vertx.fileSystem().exists(file).onComplete(ar -> {
      if (ar.failed() || !ar.result()) {
        ctx.fail(404);
        return;
      }
      ctx.response().putHeader("content-type", "text/html; charset=utf-8").sendFile(file)
          .onFailure(e -> ctx.fail(404));
    });
  }

  /** {@code {"folder", "reports": [{"name", "url", "bytes", "modified"}]}}, newest first. */
  void listReports(RoutingContext ctx) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("folder", reports == null ? null : reports.toString());
    ArrayNode list = root.putArray("reports");
    if (reports == null) {
      Responses.json(ctx, 200, root);
      return;
    }
    vertx.executeBlocking(() -> {
      List<ObjectNode> found = new ArrayList<>();
      if (!Files.isDirectory(reports)) return found;
      try (var files = Files.list(reports)) {
        files.filter(f -> REPORT.matcher(f.getFileName().toString()).matches()).forEach(f -> {
          try {
            found.add(JsonNodeFactory.instance.objectNode().put("name", f.getFileName().toString())
                .put("url", "/console/reports/" + f.getFileName())
                .put("bytes", Files.size(f))
                .put("modified", Files.getLastModifiedTime(f).toInstant().toString()));
          } catch (IOException e) {
            // gone between listing and reading: not listed
          }
        });
      }
      found.sort((a, b) -> b.path("modified").asText().compareTo(a.path("modified").asText()));
      return found;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ar.result().forEach(list::add);
      Responses.json(ctx, 200, root);
    });
  }
}

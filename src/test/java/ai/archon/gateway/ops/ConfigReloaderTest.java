package ai.archon.gateway.ops;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.server.GatewayOptions;
import ai.archon.gateway.server.GatewayServer;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hot reload of the configs folder while requests run: add, change, break and remove a config. */
class ConfigReloaderTest extends GatewayTestBase {
  private Path configs;
  private String url;
  private ConfigReloader reloader;

  @BeforeEach
  void start() throws Exception {
    configs = TestGateway.configs(Map.of("one.json", one("gpt-a")));
    Settings settings = SettingsLoader.load(null, gateway.env());
    ConfigLoader loader = new ConfigLoader(settings.providers().keySet(), ComponentFactory.SUPPORTED);
    LoadReport report = loader.loadPaths(List.of(configs), null);
    GatewayOptions options = new GatewayOptions("127.0.0.1", 0, settings.maxBodyBytes(), 200);
    GatewayServer server = GatewayServer.start(gateway.vertx(), options,
        settings, report.ensembles(), 1, GatewayEvents.NONE).await();
    url = server.url();
    reloader = new ConfigReloader(gateway.vertx(), server.catalog(),
        new ConfigReloader.Sources(loader, configs, gateway.env()), new AtomicReference<>(settings), report.ensembles());
    reloader.start().await();
    upstream.respondDefault(req -> Reply.text("answer from " + req.model()));
  }

  @AfterEach
  void stop() {
    reloader.stop();
  }

  @Test
  void addChangeBreakAndRemoveTakeEffectWithoutRestart() throws Exception {
    assertEquals("answer from gpt-a", answer("one"));

    Files.writeString(configs.resolve("two.json"), config("two", layer(component("generator", "gpt-two", "OpenAI_API", null))));
    long added = System.nanoTime();
    awaitTrue(() -> Http.get(url + "/v1/models/two").statusCode() == 200, "added config served");
    long tookMs = (System.nanoTime() - added) / 1_000_000;
    assertTrue(tookMs < 2000, "a new config took " + tookMs + " ms to be served (issue: within 2 s)");
    assertEquals("answer from gpt-two", answer("two"));

    // A request in flight keeps the version it started with while the file changes under it.
    upstream.respond("gpt-a", Reply.text("slow answer from gpt-a").delayMs(1500));
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
        () -> Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null)));
    upstream.awaitCalls("gpt-a", 2).await();
    Files.writeString(configs.resolve("one.json"), one("gpt-b"));
    awaitTrue(() -> answer("one").equals("answer from gpt-b"), "changed config served");
    assertEquals("slow answer from gpt-a", content(inFlight.get()));

    Files.writeString(configs.resolve("one.json"), "{\"name\": \"one\", \"layers\": [[{\"type\": ");
    Files.writeString(configs.resolve("marker.json"), config("marker", layer(component("generator", "gpt-m", "OpenAI_API", null))));
    awaitTrue(() -> Http.get(url + "/v1/models/marker").statusCode() == 200, "reload after the break");
    assertEquals("answer from gpt-b", answer("one"), "a broken file keeps its previous good version serving");
    String rejected = Http.get(url + "/v1/archon/models").body();
    assertTrue(rejected.contains("\"rejected\":[{\"file\"") && rejected.contains("one.json"),
        "the admin view names the broken file: " + rejected);

    Files.delete(configs.resolve("two.json"));
    awaitTrue(() -> Http.get(url + "/v1/models/two").statusCode() == 404, "removed config gone");
    assertEquals(404, Http.post(url + "/v1/chat/completions", Http.chat("two", "hi", null)).statusCode());

    Files.writeString(configs.resolve("one.json"), one("gpt-c"));
    awaitTrue(() -> answer("one").equals("answer from gpt-c"), "fixed config served");
    assertTrue(Http.get(url + "/v1/archon/models").body().contains("\"rejected\":[]"), "fixed: nothing rejected");
  }

  @Test
  void reloadNowPicksUpAChangeAtOnce() throws Exception {
    reloader.stop(); // no periodic scan: only the explicit reload (SIGHUP) can see the change
    Files.writeString(configs.resolve("one.json"), one("gpt-h"));
    reloader.reloadNow();
    awaitTrue(() -> answer("one").equals("answer from gpt-h"), "reload on demand");
  }

  private static String one(String model) {
    return config("one", layer(component("generator", model, "OpenAI_API", null)));
  }

  private String answer(String model) {
    HttpResponse<String> r = Http.post(url + "/v1/chat/completions", Http.chat(model, "hi", null));
    return r.statusCode() == 200 ? content(r) : "status " + r.statusCode();
  }

  private static String content(HttpResponse<String> r) {
    return Json.parse(r.body()).at("/choices/0/message/content").asText();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) return;
      Thread.onSpinWait();
    }
    throw new AssertionError("not within 5 s: " + what);
  }
}

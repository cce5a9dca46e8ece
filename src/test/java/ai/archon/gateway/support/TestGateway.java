package ai.archon.gateway.support;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.spi.Extensions;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.Telemetry;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.server.GatewayOptions;
import ai.archon.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the real gateway in-process on 127.0.0.1 port 0, with configs written to a temp folder and a test env. */
public final class TestGateway {
  /** The example extensions of the test class path, as Main loads them once. */
  private static final Extensions EXTENSIONS = Extensions.fromClassPath();
  private TestGateway() { }

  /** Provider env pointing every built-in provider at the mock upstream, with dummy keys. */
  public static Map<String, String> env(MockUpstream upstream) {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", upstream.openAiBaseUrl());
    env.put("OPENAI_API_KEY", "sk-test-openai");
    env.put("TOGETHER_BASE_URL", upstream.openAiBaseUrl());
    env.put("TOGETHER_API_KEY", "test-together");
    env.put("GROQ_BASE_URL", upstream.openAiBaseUrl());
    env.put("GROQ_API_KEY", "test-groq");
    env.put("ANTHROPIC_BASE_URL", upstream.anthropicBaseUrl());
    env.put("ANTHROPIC_API_KEY", "test-anthropic");
    env.put("GEMINI_BASE_URL", upstream.geminiBaseUrl());
    env.put("GEMINI_API_KEY", "test-gemini");
    env.put("VLLM_BASE_URL", upstream.openAiBaseUrl());
    env.put("TGI_BASE_URL", upstream.openAiBaseUrl());
    return env;
  }

  /** Writes each config (file name → JSON text) into a new temp folder. */
  public static Path configs(Map<String, String> files) {
    try {
      Path dir = Files.createTempDirectory("archon-configs");
      for (Map.Entry<String, String> f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A gateway without configs whose OpenAI_API provider is the test's own server on {@code port} (the other providers
   * point at {@code upstream}), with {@code settingsJson} as its settings file.
   */
  public static GatewayServer startWithOpenAiAt(Vertx vertx, MockUpstream upstream, int port, String settingsJson) {
    Map<String, String> env = new HashMap<>(env(upstream));
    env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1");
    try {
      Path settings = Files.createTempFile("gateway", ".json");
      Files.writeString(settings, settingsJson);
      return start(vertx, configs(Map.of()), env, settings, 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the folder (failing on any rejected config) and starts one gateway instance. */
  public static GatewayServer start(Vertx vertx, Path configs, Map<String, String> env) {
    return start(vertx, configs, env, null, 200);
  }

  /** Starts with whatever loads (rejected files are skipped, as the real gateway does). */
  public static GatewayServer startLenient(Vertx vertx, Path configs, Map<String, String> env) {
    Settings settings = SettingsLoader.load(null, env, EXTENSIONS);
    LoadReport report = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, EXTENSIONS)
        .loadPaths(List.of(configs), null);
    GatewayOptions options = new GatewayOptions("127.0.0.1", 0, settings.maxBodyBytes(), 200);
    GatewayServer server = GatewayServer.start(vertx, options, settings, report.ensembles(), 1).await();
    server.catalog().problems(report.errors());
    return server;
  }

  public static GatewayServer start(Vertx vertx, Path configs, Map<String, String> env, Path settingsFile,
      long keepAliveMs) {
    return start(vertx, configs, env, settingsFile, keepAliveMs, false);
  }

  /** With Prometheus metrics ({@code /metrics}) on, as {@code Main} starts it. */
  public static GatewayServer startWithMetrics(Vertx vertx, Path configs, Map<String, String> env, Path settingsFile) {
    Settings settings = SettingsLoader.load(settingsFile, env);
    LoadReport report = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED)
        .loadPaths(List.of(configs), settingsFile);
    if (!report.errors().isEmpty()) throw new IllegalStateException("test config rejected: " + report.errors());
    GatewayOptions options = new GatewayOptions("127.0.0.1", 0, settings.maxBodyBytes(), 200);
    return GatewayServer.start(vertx, options, settings, report.ensembles(), 1, new Telemetry(settings::prices)).await();
  }

  /** With {@code lenient}, rejected files are skipped (as the real gateway does) instead of failing the test. */
  public static GatewayServer start(Vertx vertx, Path configs, Map<String, String> env, Path settingsFile,
      long keepAliveMs, boolean lenient) {
    return start(vertx, configs, env, settingsFile, keepAliveMs, lenient, GatewayEvents.NONE);
  }

  /** As above, reporting to {@code events} (e.g. a sink whose {@code tracing()} is on). */
  public static GatewayServer start(Vertx vertx, Path configs, Map<String, String> env, Path settingsFile,
      long keepAliveMs, boolean lenient, GatewayEvents events) {
    Settings settings = SettingsLoader.load(settingsFile, env, EXTENSIONS);
    LoadReport report = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, EXTENSIONS)
        .loadPaths(List.of(configs), settingsFile);
    if (!lenient && !report.errors().isEmpty()) throw new IllegalStateException("test config rejected: " + report.errors());
    GatewayOptions options = new GatewayOptions("127.0.0.1", 0, settings.maxBodyBytes(), keepAliveMs);
    GatewayServer server = GatewayServer.start(vertx, options, settings, report.ensembles(), 1, events).await();
    server.catalog().problems(report.errors());
    return server;
  }
}

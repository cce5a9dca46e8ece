package ai.archon.gateway;

import ai.archon.gateway.cli.CommandLine;
import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.bench.BenchCommand;
import ai.archon.gateway.bench.judge.JudgeCommand;
import ai.archon.gateway.bench.score.ScoreCommand;
import ai.archon.gateway.bench.search.SearchCommand;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.config.ValidateCommand;
import ai.archon.gateway.observe.Telemetry;
import ai.archon.gateway.observe.Tracing;
import ai.archon.gateway.ops.ConfigReloader;
import ai.archon.gateway.ops.GracefulShutdown;
import ai.archon.gateway.ops.Signals;
import ai.archon.gateway.ops.Transports;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.server.GatewayOptions;
import ai.archon.gateway.server.GatewayServer;
import ai.archon.gateway.server.Warmup;
import ai.archon.gateway.spi.Extensions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code serve} (default) loads settings and configs and starts the gateway; {@code validate} checks
 * config files without serving. Blocking I/O is fine here: it all happens before the event loops start.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final Set<String> OPTIONS = Set.of("configs", "settings", "host", "port");
  static final String USAGE = String.join("\n",
      "usage: java -jar archon-gateway.jar [serve] [--configs DIR] [--settings FILE] [--host H] [--port N]",
      "       java -jar archon-gateway.jar validate [--settings FILE] PATH...",
      "       java -jar archon-gateway.jar bench --benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench|jsonl"
          + " --model NAME [--configs DIR | --base-url URL [--api-key KEY]] [--questions FILE] [--output-dir outputs]"
          + " [--parallel 16] [--limit K] [--resume]",
      "       java -jar archon-gateway.jar " + JudgeCommand.USAGE,
      "       java -jar archon-gateway.jar " + ScoreCommand.USAGE,
      "       java -jar archon-gateway.jar bench report --out report.html INPUT... (score JSON and answer files)",
      "       java -jar archon-gateway.jar " + SearchCommand.USAGE,
      "env: ARCHON_CONFIGS, ARCHON_SETTINGS, ARCHON_HOST, ARCHON_PORT, ARCHON_DRAIN_MS, ARCHON_LOG_FORMAT;"
          + " provider keys such as OPENAI_API_KEY;",
      "     OTEL_EXPORTER_OTLP_ENDPOINT and the other OTEL_* variables for traces (docs/tracing.md)");

  private Main() { }

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("archon-gateway: " + e.getMessage());
      System.err.println(USAGE);
      code = 2;
    }
    if (code >= 0) System.exit(code);
  }

  /** Runs a command; returns the exit code, or -1 when the gateway is now serving (the JVM stays up). */
  static int run(String[] args, Map<String, String> env) {
    if (args.length > 0 && args[0].equals("bench")) {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(USAGE);
        return 0;
      }
      return BenchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env);
    }
    if (args.length > 0 && args[0].equals("search")) {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(USAGE);
        return 0;
      }
      return SearchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env);
    }
    CommandLine cli = CommandLine.parse(args, OPTIONS);
    if (cli.options().containsKey("help")) {
      System.out.println(USAGE);
      return 0;
    }
    String configs = cli.get("configs", env, "ARCHON_CONFIGS", "gateway-configs");
    Path settingsFile = settingsFile(cli, env, Path.of(configs));
    // The class path's extensions, loaded once and handed to settings, config validation and the assembly.
    Extensions extensions = Extensions.fromClassPath();
    Settings settings = SettingsLoader.load(settingsFile, env, extensions);
    ConfigLoader loader = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, extensions);
    if (cli.command().equals("validate")) {
      return ValidateCommand.run(cli.positional(), settingsFile, System.out, loader);
    }
    if (!cli.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + cli.positional().get(0));
    return serve(cli, env, settings, loader, Path.of(configs), extensions);
  }

  private static Path settingsFile(CommandLine cli, Map<String, String> env, Path configs) {
    String explicit = cli.get("settings", env, "ARCHON_SETTINGS", null);
    if (explicit != null) return Path.of(explicit);
    Path fallback = configs.resolve("gateway.json");
    return Files.isRegularFile(fallback) ? fallback : null;
  }

  private static int serve(CommandLine cli, Map<String, String> env, Settings settings, ConfigLoader loader,
      Path configs, Extensions extensions) {
    Path settingsFile = settings.file();
    String host = cli.get("host", env, "ARCHON_HOST", "127.0.0.1");
    int port = port(cli.get("port", env, "ARCHON_PORT", "8080"));
    if (!Files.isDirectory(configs)) throw new IllegalArgumentException("configs folder " + configs + " does not exist");
    LoadReport report = loader.loadPaths(List.of(configs), settingsFile);
    report.warnings().forEach(w -> LOG.warn("config: {}", w.format()));
    report.errors().forEach(e -> LOG.error("config rejected: {}", e.format()));
    LOG.info("loaded {} virtual models from {} ({} files rejected)", report.ensembles().size(), configs,
        report.errors().stream().map(ConfigProblem::file).distinct().count());
    long drainMs = GracefulShutdown.drainMs(env.get("ARCHON_DRAIN_MS"));
    int warmupRequests = Warmup.requests(env.get(Warmup.ENV));
    AtomicReference<Settings> current = new AtomicReference<>(settings);
    // OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces one) is set; off otherwise.
    Tracing tracing = Tracing.fromEnvironment();
    Telemetry telemetry = new Telemetry(() -> current.get().prices(), tracing);
    Transport transport = Transports.choose(env.get(Transports.ENV));
    Vertx vertx = telemetry.vertx(new VertxOptions(), transport);
    LOG.info("socket transport: {}", transport.name());
    GatewayOptions options = new GatewayOptions(host, port, settings.maxBodyBytes(), GatewayOptions.DEFAULT_SSE_KEEP_ALIVE_MS);
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    GatewayServer server;
    try {
      server = Assembly.start(vertx, settings, extensions, telemetry)
          .compose(assembly -> {
            assembly.livePrices(() -> current.get().prices()); // price_per_mtok reloads live
            return GatewayServer.start(vertx, options, assembly, report.ensembles(), instances);
          }).await();
    } catch (Exception e) {
      System.err.println("archon-gateway: could not listen on " + host + ":" + port + ": " + e.getMessage());
      vertx.close();
      tracing.close();
      return 1;
    }
    server.catalog().problems(report.errors());
    // Spans are exported after Vert.x closed, so those of the requests the drain let finish are sent too.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      tracing.close();
    }, "archon-shutdown"));
    ConfigReloader reloader = new ConfigReloader(vertx, server.catalog(),
        new ConfigReloader.Sources(loader, configs, env), current, report.ensembles());
    reloader.start().await();
    GracefulShutdown shutdown = new GracefulShutdown(server, drainMs, reloader::stop);
    Signals.on("TERM", shutdown::begin);
    Signals.on("HUP", reloader::reloadNow);
    // Serving from here on; /ready says "warming up" until the loopback warm-up has ended (started before the
    // "listening" line, so no probe sees "ready" in between).
    long warmStart = System.nanoTime();
    server.warmUp(warmupRequests).onSuccess(answered -> {
      if (warmupRequests > 0) {
        LOG.info("warmed up: {} of {} loopback requests answered in {} ms", answered, warmupRequests,
            (System.nanoTime() - warmStart) / 1_000_000);
      }
    });
    System.out.println("archon-gateway listening on " + server.url());
    System.out.flush();
    return -1;
  }

  private static int port(String value) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p < 0 || p > 65535) throw new NumberFormatException();
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number from 0 to 65535, got '" + value + "'");
    }
  }
}

package ai.archon.gateway.server;

import ai.archon.gateway.config.ConsoleSettings;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.observe.ModelLabels;
import ai.archon.gateway.scale.ScaleOut;
import ai.archon.gateway.spi.Extensions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import ai.archon.gateway.resilience.ClientKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running gateway: the provider registry and model catalog shared by {@code instances} verticles (one per event
 * loop) listening on one port. Used by {@code Main} and by the tests, which start it in-process on port 0.
 */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private final Vertx vertx;
  private final Assembly assembly;
  private final ModelCatalog catalog;
  private final Drain drain;
  private final Warmup warmup;
  private final Address address;

  /** Where the server listens: the configured host and the port it got (the OS picks one for port 0). */
  private record Address(String host, int port) { }

  private GatewayServer(Vertx vertx, Assembly assembly, ModelCatalog catalog, Drain drain, Warmup warmup,
      Address address) {
    this.vertx = vertx;
    this.assembly = assembly;
    this.catalog = catalog;
    this.drain = drain;
    this.warmup = warmup;
    this.address = address;
  }

  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options, Settings settings,
      Collection<EnsembleSpec> ensembles, int instances) {
    return start(vertx, options, settings, ensembles, instances, GatewayEvents.NONE);
  }

  /** With the extensions on the class path (tests and embedders; {@code Main} loads them once and passes them). */
  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options, Settings settings,
      Collection<EnsembleSpec> ensembles, int instances, GatewayEvents events) {
    return Assembly.start(vertx, settings, Extensions.fromClassPath(), events)
        .compose(assembly -> start(vertx, options, assembly, ensembles, instances));
  }

  /** Serves {@code ensembles} with the pieces {@code assembly} built. */
  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options, Assembly assembly,
      Collection<EnsembleSpec> ensembles, int instances) {
    ModelCatalog catalog = new ModelCatalog(ensembles, assembly.components());
    Drain drain = new Drain();
    Warmup warmup = new Warmup();
    Settings settings = assembly.settings();
    MemoryAdmission memory = new MemoryAdmission(settings.maxInflightBodyBytes() > 0 ? settings.maxInflightBodyBytes()
        : MemoryAdmission.defaultBytes(), settings.maxBodyBytes());
    // Metric labels: only the models the configs and settings name (see ModelLabels), renewed on every reload.
    catalog.onReplace(specs -> {
      ModelLabels labels = ModelLabels.of(specs, settings);
      assembly.events().modelsKnown(labels);
      assembly.guards().modelsKnown(labels);
    });
    warnIfOpen(options.host(), assembly.clientKeys());
    // Port 0 with several instances: Vert.x shares one random port among servers that listen on the same negative
    // port, so every instance gets the same free port (a plain 0 would make each bind its own).
    int port = options.port() == 0 && instances > 1 ? -1 : options.port();
    GatewayOptions shared = new GatewayOptions(options.host(), port, options.maxBodyBytes(), options.sseKeepAliveMs());
    List<GatewayVerticle> started = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle v = new GatewayVerticle(shared, catalog, assembly, new Admission(drain, memory), warmup);
      started.add(v);
      return v;
    }, new DeploymentOptions().setInstances(Math.max(1, instances)))
        .map(id -> new GatewayServer(vertx, assembly, catalog, drain, warmup,
            new Address(options.host(), started.get(0).actualPort())));
  }

  /** Without gateway keys anyone who can reach the port can spend the provider keys: say so when that is not local. */
  private static void warnIfOpen(String host, ClientKeys keys) {
    if (!ConsoleSettings.loopback(host) && !keys.required()) {
      LOG.warn("listening on {} without gateway keys: anyone who reaches this port can use the provider keys"
          + " (set {} or \"keys\" in the settings)", host, ClientKeys.ENV);
    }
  }

  public int port() { return address.port(); }

  public String url() { return "http://" + address.host() + ":" + address.port(); }

  public ModelCatalog catalog() { return catalog; }

  /** The process's shared pieces (adapters, guards, client keys, shared state). */
  public Assembly assembly() { return assembly; }

  /**
   * Sends this server {@code requests} cheap loopback requests ({@link Warmup}); {@code /ready} answers 503 "warming
   * up" until they have ended. Completes with how many were answered.
   */
  public Future<Integer> warmUp(int requests) {
    return warmup.run(vertx, address.host(), address.port(), requests);
  }

  /** Graceful shutdown: stop admitting API requests and wait for those in flight. */
  public Drain drain() { return drain; }

  public Vertx vertx() { return vertx; }

  /** What this replica shares with others (Redis, shared limits, the response cache). */
  public ScaleOut scale() { return assembly.scale(); }
}

package ai.archon.gateway.server;

import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.provider.ProviderRegistry;
import ai.archon.gateway.scale.ScaleOut;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import ai.archon.gateway.resilience.ClientKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the provider registry and model catalog shared by {@code instances} verticles (one per event
 * loop) listening on one port. Used by {@code Main} and by the tests, which start it in-process on port 0.
 */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private final Vertx vertx;
  private final ProviderRegistry providers;
  private final ModelCatalog catalog;
  private final ScaleOut scale;
  private final String host;
  private final int port;

  private GatewayServer(Vertx vertx, ProviderRegistry providers, ModelCatalog catalog, ScaleOut scale, String host,
      int port) {
    this.vertx = vertx;
    this.providers = providers;
    this.catalog = catalog;
    this.scale = scale;
    this.host = host;
    this.port = port;
  }

  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options, Settings settings,
      Collection<EnsembleSpec> ensembles, int instances) {
    return start(vertx, options, settings, ensembles, instances, GatewayEvents.NONE);
  }

  public static Future<GatewayServer> start(Vertx vertx, GatewayOptions options, Settings settings,
      Collection<EnsembleSpec> ensembles, int instances, GatewayEvents events) {
    warnIfOpen(options.host(), settings);
    ModelCatalog catalog = new ModelCatalog(ensembles);
    return ScaleOut.start(vertx, settings, events).compose(scale -> {
      ProviderRegistry providers = new ProviderRegistry(vertx, settings, events, scale.limiters());
      scale.shareBreakers(providers.guards());
      // One set of keys for every verticle instance, so a key's limits hold for the whole process (and, with
      // Redis, for every replica).
      ClientKeys keys = ClientKeys.from(settings, w -> LOG.warn("{}", w), scale.limiters());
      GatewayVerticle first = new GatewayVerticle(options, catalog, providers, events, scale, keys);
      // The first instance resolves port 0 to a real port; the others then share that port (Vert.x balances
      // connections across verticle instances that listen on the same host and port).
      return vertx.deployVerticle(first).compose(id -> {
        int port = first.actualPort();
        if (instances <= 1) return Future.succeededFuture(port);
        GatewayOptions same = new GatewayOptions(options.host(), port, options.maxBodyBytes(), options.sseKeepAliveMs());
        return vertx.deployVerticle(() -> new GatewayVerticle(same, catalog, providers, events, scale, keys),
            new DeploymentOptions().setInstances(instances - 1)).map(port);
      }).map(port -> new GatewayServer(vertx, providers, catalog, scale, options.host(), port));
    });
  }

  /** Without gateway keys anyone who can reach the port can spend the provider keys: say so when that is not local. */
  private static void warnIfOpen(String host, Settings settings) {
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    if (!loopback && !ClientKeys.from(settings, w -> { }).required()) {
      LOG.warn("listening on {} without gateway keys: anyone who reaches this port can use the provider keys"
          + " (set {} or \"keys\" in the settings)", host, ClientKeys.ENV);
    }
  }

  public int port() { return port; }

  public String url() { return "http://" + host + ":" + port; }

  public ModelCatalog catalog() { return catalog; }

  public ProviderRegistry providers() { return providers; }

  public Vertx vertx() { return vertx; }

  /** What this replica shares with others (Redis, shared limits, the response cache). */
  public ScaleOut scale() { return scale; }
}

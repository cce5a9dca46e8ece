package ai.archon.gateway.assembly;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.ProviderRegistry;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.resilience.GuardedProviders;
import ai.archon.gateway.resilience.Guards;
import ai.archon.gateway.resilience.Limiters;
import ai.archon.gateway.scale.ScaleOut;
import ai.archon.gateway.spi.Extensions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds what the settings and the extensions determine once per process (provider adapters,
 * their guards, the inbound client keys, the component factory, and for a served gateway the shared state) and
 * hands out the pieces, so a handler is given exactly what it uses instead of reaching through a registry. Used by
 * {@code server/GatewayServer}, the Java library ({@code facade/Archon}) and the {@code bench} command.
 */
public final class Assembly {
  private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);
  private final Settings settings;
  private final GatewayEvents events;
  private final ComponentFactory components;
  private final ProviderRegistry adapters;
  private final Guards guards;
  private final GuardedProviders providers;
  private final ClientKeys clientKeys;
  private final ScaleOut scale;
  private volatile Supplier<Prices> prices;

  private Assembly(Vertx vertx, Settings settings, Extensions extensions, GatewayEvents events, ScaleOut scale) {
    this(vertx, settings, extensions, events, scale, UnaryOperator.identity());
  }

  private Assembly(Vertx vertx, Settings settings, Extensions extensions, GatewayEvents events, ScaleOut scale,
      UnaryOperator<ChatProvider> outermost) {
    Limiters limiters = scale == null ? Limiters.LOCAL : scale.limiters();
    this.settings = settings;
    this.events = events;
    this.scale = scale;
    this.prices = settings::prices;
    this.components = new ComponentFactory(extensions.componentTypes());
    this.guards = new Guards(vertx, settings.governance(), events, limiters);
    this.clientKeys = ClientKeys.from(settings, w -> LOG.warn("{}", w), limiters);
    this.adapters = new ProviderRegistry(vertx, settings, extensions.modelTypes());
    this.providers = new GuardedProviders(adapters, guards, outermost);
  }

  /**
   * For a served gateway: connects the shared state the settings ask for (Redis limits, breaker sharing, the
   * response cache) and builds the rest on it.
   */
  public static Future<Assembly> start(Vertx vertx, Settings settings, Extensions extensions, GatewayEvents events) {
    return ScaleOut.start(vertx, settings, events).map(scale -> {
      Assembly a = new Assembly(vertx, settings, extensions, events, scale);
      scale.shareBreakers(a.guards);
      return a;
    });
  }

  /** In process (the Java library, the bench command): this process's own limits, no events, no shared state. */
  public static Assembly local(Vertx vertx, Settings settings, Extensions extensions) {
    return new Assembly(vertx, settings, extensions, GatewayEvents.NONE, null);
  }

  /**
   * As {@link #local(Vertx, Settings, Extensions)}, with {@code outermost} around every guarded chat adapter (see
   * {@link GuardedProviders#GuardedProviders(ProviderRegistry, Guards, UnaryOperator)}).
   */
  public static Assembly local(Vertx vertx, Settings settings, Extensions extensions,
      UnaryOperator<ChatProvider> outermost) {
    return new Assembly(vertx, settings, extensions, GatewayEvents.NONE, null, outermost);
  }

  public Settings settings() { return settings; }

  public GatewayEvents events() { return events; }

  /** Builds pipelines' components, the extensions' types included. */
  public ComponentFactory components() { return components; }

  /** The unguarded adapters (pass-through forwarding times its own attempts through {@link #guards()}). */
  public ProviderRegistry adapters() { return adapters; }

  /** The resilience guards, one per provider. */
  public Guards guards() { return guards; }

  /** The token prices in force now: the settings' at start, the reloaded ones once {@link #livePrices} is set. */
  public Prices prices() { return prices.get(); }

  /** Reads prices from {@code current} (the settings a live reload replaces) from now on. */
  public void livePrices(Supplier<Prices> current) { this.prices = current; }

  /** The adapters behind their guards: what pipelines and translated pass-through call. */
  public GuardedProviders providers() { return providers; }

  /** The gateway keys clients must present, shared by every verticle so per-key limits hold per process. */
  public ClientKeys clientKeys() { return clientKeys; }

  /** What this replica shares with others (Redis, shared limits, the response cache); null in process. */
  public ScaleOut scale() { return scale; }

  /** Closes the upstream connection pools. */
  public void close() {
    adapters.close();
  }
}

package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gateway settings: every provider by model_type (built-ins from the environment, overridden or extended by the
 * settings file), the environment they were resolved against (keys are read from it, never stored elsewhere), the
 * settings file itself (excluded when configs are loaded; null when there is none), the resilience and governance
 * settings ({@link Governance}), how upstream calls are routed, priced and shared ({@link Calls}) and the inbound
 * server's limits and features ({@link Server}). The accessors of the last two are also here, as callers read them.
 */
public record Settings(Map<String, ProviderSpec> providers, Map<String, String> env, Path file, Governance governance,
    Calls calls, Server server) {
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  /**
   * SO_SNDBUF of an inbound connection unless the settings say otherwise (Linux doubles it: 256 KiB of kernel buffer).
   * Left to the kernel, the buffer of a loopback connection grows to megabytes, and a client that stops reading a
   * stream gets that much relayed before the gateway's write queue fills and the upstream read pauses: 120 such
   * clients held 150 MB of the gateway's socket buffers (bench/abuse.py phase 5, docs/resilience.md "Round 10").
   * A reply of the gateway's size fits at once, and a token stream never fills it for a client that reads.
   */
  public static final int DEFAULT_SEND_BUFFER_BYTES = 128 * 1024;

  public Settings {
    providers = Map.copyOf(providers);
    env = Map.copyOf(env);
    governance = governance == null ? Governance.DEFAULT : governance;
    calls = calls == null ? Calls.DEFAULT : calls;
    server = server == null ? Server.DEFAULT : server;
  }

  /**
   * How upstream calls are routed, priced and shared: the {@code model_aliases} that send a config's model name (e.g.
   * {@code llm-blender/PairRM}) to another provider and model, the token prices (the cost in every reply, spend
   * budgets and the cost metrics), the response cache and the shared store for many replicas.
   */
  public record Calls(Map<String, ModelAlias> modelAliases, Prices prices, CacheSettings cache, RedisSettings redis) {
    static final Calls DEFAULT = new Calls(null, null, null, null);

    public Calls {
      modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
      prices = prices == null ? Prices.NONE : prices;
      cache = cache == null ? CacheSettings.DEFAULT : cache;
      redis = redis == null ? RedisSettings.NONE : redis;
    }
  }

  /**
   * The inbound server: the request body limit, the connections' timeouts and send buffer
   * ({@link ServerConnections}), the memory budget for request bodies in flight (0 = derived from the heap), the
   * browser origins allowed by CORS, the web console ({@link ConsoleSettings}) and the Responses API store
   * ({@link ResponsesSettings}).
   */
  public record Server(long maxBodyBytes, ServerConnections connections, long maxInflightBodyBytes, CorsSettings cors,
      ConsoleSettings console, ResponsesSettings responses) {
    static final Server DEFAULT = new Server(DEFAULT_MAX_BODY_BYTES, null, 0, null, null, null);

    public Server {
      connections = connections == null ? ServerConnections.DEFAULT : connections;
      cors = cors == null ? CorsSettings.OFF : cors;
      console = console == null ? ConsoleSettings.DEFAULT : console;
      responses = responses == null ? ResponsesSettings.DEFAULT : responses;
    }
  }

  public Map<String, ModelAlias> modelAliases() { return calls.modelAliases(); }

  public CacheSettings cache() { return calls.cache(); }

  public RedisSettings redis() { return calls.redis(); }

  public Prices prices() { return calls.prices(); }

  /** The same settings with other token prices (a live settings reload changes only these). */
  public Settings withPrices(Prices newPrices) {
    return new Settings(providers, env, file, governance, new Calls(calls.modelAliases(), newPrices, calls.cache(),
        calls.redis()), server);
  }

  public ConsoleSettings console() { return server.console(); }

  /** The same settings with these console settings. */
  public Settings withConsole(ConsoleSettings newConsole) {
    return new Settings(providers, env, file, governance, calls, new Server(server.maxBodyBytes(),
        server.connections(), server.maxInflightBodyBytes(), server.cors(), newConsole, server.responses()));
  }

  public long maxBodyBytes() { return server.maxBodyBytes(); }

  public long maxInflightBodyBytes() { return server.maxInflightBodyBytes(); }

  public ServerTimeouts timeouts() { return server.connections().timeouts(); }

  public CorsSettings cors() { return server.cors(); }

  public ResponsesSettings responses() { return server.responses(); }

  /** {@code server.send_buffer_bytes}: SO_SNDBUF of every inbound connection; 0 = the kernel's own sizing. */
  public int sendBufferBytes() { return server.connections().sendBufferBytes(); }

  /** The API key for a provider: the first of its key variables that is set and not blank, else null. */
  public String apiKey(ProviderSpec spec) {
    for (String name : spec.apiKeyEnvs()) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }

  /** True when the provider can be called: it needs no key, or one of its key variables is set. */
  public boolean ready(ProviderSpec spec) {
    return !spec.keyRequired() || apiKey(spec) != null;
  }
}

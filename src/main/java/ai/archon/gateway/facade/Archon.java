package ai.archon.gateway.facade;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.config.ConfigException;
import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.spi.Extensions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * An Archon ensemble as a Java library, without the HTTP server: the Java counterpart of the Python original's
 * {@code Archon(config).generate(messages)}. Load a config, then {@link #generate} (a Vert.x {@link Future}),
 * {@link #generateBlocking} (for code outside Vert.x) or {@link #stream} (tokens to a handler). Providers, keys and
 * base URLs come from the environment and the optional settings file exactly as for the gateway. Thread-safe; one
 * instance serves any number of concurrent runs. {@link #close} releases its HTTP pool, and the {@link Vertx} when the
 * instance created it.
 */
public final class Archon implements AutoCloseable {
  private static final ObjectMapper JSON = JsonIo.MAPPER; // one shared mapper (and its serializer caches)

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Pipeline pipeline;
  private final Assembly assembly;
  private final Context context;

  /**
   * Where an instance runs and what it reads: {@code vertx} null = create one (and close it with the instance);
   * {@code env} the variables keys and base URLs come from; {@code settingsFile} the gateway settings, or null.
   */
  public record Options(Vertx vertx, Map<String, String> env, Path settingsFile) {
    public static Options defaults() {
      return new Options(null, System.getenv(), null);
    }
  }

  private Archon(Vertx vertx, boolean ownsVertx, Pipeline pipeline, Assembly assembly) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.pipeline = pipeline;
    this.assembly = assembly;
    this.context = vertx.getOrCreateContext();
  }

  public static Archon fromFile(Path file) {
    return fromFile(file, Options.defaults());
  }

  /** Loads an Archon config file. @throws ConfigException listing every problem when it does not load */
  public static Archon fromFile(Path file, Options options) {
    try {
      return load(file.toAbsolutePath(), Files.readAllBytes(file), options);
    } catch (java.io.IOException e) {
      throw new ConfigException(file, "", "cannot read: " + e.getMessage());
    }
  }

  public static Archon fromJson(String json) {
    return fromJson(json, Options.defaults());
  }

  /** Loads a config from its JSON text; a config without {@code name} is called {@code archon}. */
  public static Archon fromJson(String json, Options options) {
    return load(Path.of("archon.json"), json.getBytes(StandardCharsets.UTF_8), options);
  }

  public static Archon fromNode(JsonNode config) {
    return fromNode(config, Options.defaults());
  }

  /** Loads a config from a Jackson tree (e.g. built in code). */
  public static Archon fromNode(JsonNode config, Options options) {
    try {
      return load(Path.of("archon.json"), JSON.writeValueAsBytes(config), options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config cannot be written as JSON", e);
    }
  }

  private static Archon load(Path source, byte[] bytes, Options options) {
    Extensions extensions = Extensions.fromClassPath();
    Settings settings = SettingsLoader.load(options.settingsFile(), options.env() == null ? Map.of() : options.env(),
        extensions);
    LoadReport report = ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, extensions)
        .loadBytes(source, bytes);
    if (report.ensembles().isEmpty()) {
      throw new ConfigException(source, "", "config does not load: "
          + report.errors().stream().map(ConfigProblem::format).collect(Collectors.joining("; ")));
    }
    boolean owns = options.vertx() == null;
    Vertx vertx = owns ? Vertx.vertx() : options.vertx();
    Assembly assembly = Assembly.local(vertx, settings, extensions);
    return new Archon(vertx, owns, Pipeline.build(report.ensembles().get(0), assembly.components()), assembly);
  }

  /** The virtual model's name (the config's {@code name}). */
  public String name() { return pipeline.spec().name(); }

  /** Runs the ensemble on a conversation. */
  public Future<ArchonResult> generate(List<Message> messages) {
    return run(messages, Overrides.NONE, null);
  }

  /** Runs the ensemble with request-level overrides (temperature, max_tokens, stop, ...). */
  public Future<ArchonResult> generate(List<Message> messages, Overrides overrides) {
    return run(messages, overrides, null);
  }

  /**
   * Runs the ensemble and hands the answer's text to {@code onToken} as it is written: token by token when the last
   * layer is one generator or fuser drawing one sample, otherwise the finished answer in one piece.
   */
  public Future<ArchonResult> stream(List<Message> messages, Consumer<String> onToken) {
    return run(messages, Overrides.NONE, onToken);
  }

  /** {@link #generate} for code outside Vert.x: waits for the result. Never call it on an event loop. */
  public ArchonResult generateBlocking(List<Message> messages) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("generateBlocking would block an event loop; use generate(...) there");
    }
    return generate(messages).await();
  }

  private Future<ArchonResult> run(List<Message> messages, Overrides overrides, Consumer<String> onToken) {
    if (messages == null || messages.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("messages must not be empty"));
    }
    List<String> missing = assembly.providers().missingKeys(pipeline.modelTypes());
    if (!missing.isEmpty()) {
      return Future.failedFuture(new IllegalStateException(name() + " needs " + String.join(", ", missing)));
    }
    Promise<ArchonResult> promise = Promise.promise();
    // Every run starts on this instance's context, so its timers and callbacks stay on one event loop.
    context.runOnContext(v -> {
      RunContext run = new RunContext(messages, overrides == null ? Overrides.NONE : overrides,
          new CallContext("lib-" + UUID.randomUUID()), assembly.providers(), GatewayEvents.NONE);
      run.prices(assembly.prices()); // usage().cost() at the settings' price_per_mtok
      run.recordTrace(); // ArchonResult carries the per-layer trace
      pipeline.run(run, onToken).map(r -> result(r, onToken)).onComplete(promise);
    });
    return promise.future();
  }

  private static ArchonResult result(PipelineResult r, Consumer<String> onToken) {
    String answer = r.answers().isEmpty() ? "" : r.answers().get(0);
    if (onToken != null && !r.relayed()) onToken.accept(answer);
    return new ArchonResult(answer, r.answers(), r.usage(), r.upstreamCalls(), r.trace());
  }

  @Override
  public void close() {
    assembly.close();
    if (ownsVertx) vertx.close().await();
  }
}

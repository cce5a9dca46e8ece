package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.Telemetry;
import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.resilience.ProvidersView;
import ai.archon.gateway.scale.ScaleOut;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP front: the OpenAI-compatible routes, health probes, and the one failure handler that writes errors. */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
  private final GatewayOptions options;
  private final ModelCatalog catalog;
  private final Assembly assembly;
  private final GatewayEvents events;
  private final ScaleOut scale;
  private final Drain drain;
  private final MemoryAdmission memory;
  private final Warmup warmup;
  private BodyTrees bodies;
  private HttpServer server;

  /** @param assembly the process's shared pieces (one per process; this verticle hands each handler its part) */
  public GatewayVerticle(GatewayOptions options, ModelCatalog catalog, Assembly assembly, Admission admission,
      Warmup warmup) {
    this.options = options;
    this.catalog = catalog;
    this.assembly = assembly;
    this.events = assembly.events();
    this.scale = assembly.scale();
    this.drain = admission.drain();
    this.memory = admission.memory();
    this.warmup = warmup;
  }

  @Override
  public Future<?> start() {
    ModelsHandler models = new ModelsHandler(catalog, assembly.settings());
    long writeStallMs = assembly.settings().timeouts().writeStallTimeoutMs();
    EnsembleResponder ensembles = new EnsembleResponder(vertx, options.sseKeepAliveMs(), writeStallMs);
    ChatResponders responders = new ChatResponders(ensembles, new CachedResponder(ensembles, scale.cache()),
        new ProxyResponder(vertx, assembly.providers(), options.sseKeepAliveMs(), writeStallMs, events));
    var modelBudgets = assembly.settings().governance().spend().budgets();
    SpendGate spend = new SpendGate(scale.spend(), assembly::prices, modelBudgets, events);
    Serving serving = new Serving(vertx, catalog, assembly.providers(), assembly.settings().governance(), events);
    ChatCompletionsHandler chat = new ChatCompletionsHandler(serving, responders, spend);
    ResponsesHandler responses = new ResponsesHandler(chat, scale.responses());
    KeyGate keys = new KeyGate(assembly.clientKeys(), events);
    AdminGate admin = new AdminGate(assembly.settings().env().get(AdminGate.ENV));
    SpendReport spendReport = new SpendReport(scale.spend(), assembly.clientKeys(), assembly.clientKeys().all(),
        modelBudgets, admin);
    bodies = new BodyTrees(vertx);
    Router router = Router.router(vertx);
    router.route().handler(this::tagAndAdmit);
    // Before every key gate: a browser's preflight carries no key.
    CorsGate.of(assembly.settings().cors()).ifPresent(cors -> router.route().handler(cors));
    // Chat first: the router tries routes in order, matching each one's path, and this is the one that is busy.
    jsonPost(router, "/v1/chat/completions", keys, chat::handle);
    jsonPost(router, "/v1/embeddings", keys, new EmbeddingsHandler(serving)::handle);
    // The Responses API: the same steps as chat, then its translation onto the chat flow.
    jsonPost(router, "/v1/responses", keys, responses::create);
    router.get("/health").handler(ctx -> Responses.json(ctx, 200, status("ok")));
    router.get("/ready").handler(this::ready);
    if (events instanceof Telemetry) {
      // Open without ARCHON_ADMIN_KEY (a Prometheus on the pod network), the admin key otherwise, as a bearer token.
      router.get("/metrics").handler(admin.or(RoutingContext::next)).handler(((Telemetry) events).scrapeHandler());
    }
    router.get("/v1/archon/providers").handler(admin.or(keys::authenticate)).handler(ctx -> spendReport.keysView()
        .onComplete(ar -> {
          ObjectNode view = scale.withCounters(ProvidersView.of(assembly.guards()));
          view.set("spend", ar.result());
          Responses.json(ctx, 200, view);
        }));
    // Before the /v1 key check: the admin key (not a gateway key) may read it too.
    router.get("/v1/archon/spend").handler(spendReport::handle);
    router.get("/v1/archon/models").handler(admin.or(keys::authenticate))
        .handler(new ModelGraphs(catalog, models)::list);
    Console console = new Console(vertx, assembly.settings().console().reports());
    router.get("/v1/archon/reports").handler(admin.or(keys::authenticate)).handler(console::listReports);
    router.route("/v1/*").handler(keys::authenticate);
    router.get("/v1/models").handler(models::list);
    router.get("/v1/models/:id").handler(models::get);
    router.get("/v1/responses/:id").handler(responses::get);
    router.delete("/v1/responses/:id").handler(responses::delete);
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(this::fail);
    server = vertx.createHttpServer(serverOptions(assembly.settings()));
    server.invalidRequestHandler(MalformedRequests::invalid);
    ConnectionTimeouts idle = new ConnectionTimeouts(vertx, assembly.settings().timeouts());
    server.connectionHandler(idle::opened);
    HttpServer http = server.requestHandler(idle.around(new MalformedRequests(router)));
    return console.mount(router, assembly.settings().console(), options.host(), admin)
        .compose(v -> http.listen(options.port(), options.host()));
  }

  /**
   * No h2c detection: it holds a new connection until its first bytes arrive, before any handler of ours sees it, so
   * a silent connection could never be timed out (header_timeout_ms). A bounded socket send buffer
   * ({@code server.send_buffer_bytes}): a client that stops reading fills it and the write queue soon, and the
   * upstream read pauses then, instead of after megabytes relayed into a buffer the kernel grew (-1 is Vert.x's "the
   * kernel sizes it").
   */
  static HttpServerOptions serverOptions(Settings settings) {
    return new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false).setHttp2ClearTextEnabled(false)
        .setSendBufferSize(settings.sendBufferBytes() > 0 ? settings.sendBufferBytes() : -1);
  }

  /**
   * A JSON API endpoint, one route of three steps: the checks that need no body (the key, the content type, memory
   * admission: synchronous, so one step), the body read ({@link BodyReader}), then what needs the body: a large body
   * parsed off the event loop ({@link BodyTrees}), the key's model allow-list and limits, then {@code handler}. Three
   * steps, not seven, because each {@code ctx.next()} walks Vert.x Web's route state again, on every request.
   */
  private void jsonPost(Router router, String path, KeyGate keys, Handler<RoutingContext> handler) {
    // Made once per route, so that the chain allocates nothing per request.
    // What the handler throws fails the request, as the router does for its own steps: the handler may run in a
    // callback (a body parsed off the loop, a shared key limiter's answer), where nothing else would catch it.
    Handler<RoutingContext> answer = ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    };
    Handler<RoutingContext> admit = ctx -> keys.admit(ctx, answer);
    router.post(path).handler(ctx -> {
      if (keys.known(ctx) && JsonContentType.accepted(ctx) && memory.admitted(ctx)) ctx.next();
    }).handler(new BodyReader(options.maxBodyBytes())).handler(ctx -> bodies.parse(ctx, admit));
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Every request: its id and upstream-work headers, then {@link Drain#admit} (one handler: one route step less). */
  private void tagAndAdmit(RoutingContext ctx) {
    String id = RequestIds.of(ctx);
    Inbound.attach(ctx, id);
    ctx.response().putHeader(REQUEST_ID, id);
    ctx.response().headersEndHandler(v -> UpstreamHeaders.put(ctx));
    drain.admit(ctx);
  }

  private void ready(RoutingContext ctx) {
    boolean ready = catalog.size() > 0 && scale.ready() && !drain.draining() && !warmup.running();
    ObjectNode body = status(drain.draining() ? "draining" : catalog.size() == 0 ? "no configs loaded"
        : warmup.running() ? "warming up" : ready ? "ready" : "redis unreachable");
    body.put("models", catalog.size());
    scale.describe(body);
    Responses.json(ctx, ready ? 200 : 503, body);
  }

  private void fail(RoutingContext ctx) {
    Throwable t = ctx.failure();
    OpenAiError error = t != null ? OpenAiError.from(t) : OpenAiError.ofStatus(ctx.statusCode());
    if (ctx.response().closed() && !ctx.response().ended() && error.status() != 500) {
      // The client hung up first: its calls were cancelled, and this failure (often "no candidates ... cancelled") is
      // the consequence, not a fault. The access log already has the request as 499; a WARN per disconnect under
      // load would bury the real ones. An unexpected exception (500) is still a WARN, whoever left first.
      LOG.debug("[{}] {} {} ended after its client closed: {}", Inbound.of(ctx).requestId(), ctx.request().method(),
          ctx.request().path(), error.message());
      return;
    }
    if (error.status() == 500 && t != null) {
      // An unexpected exception's message may quote the request (a decoder echoing the body): WARN gets its class and
      // stack only, the message goes to DEBUG.
      LOG.warn("[{}] {} {} failed with 500: {}", Inbound.of(ctx).requestId(), ctx.request().method(),
          ctx.request().path(), t.getClass().getName(), Redacted.of(t));
      LOG.debug("[{}] failure detail", Inbound.of(ctx).requestId(), t);
    } else if (error.status() >= 500) {
      LOG.warn("[{}] {} {} failed with {}: {}", Inbound.of(ctx).requestId(), ctx.request().method(),
          ctx.request().path(), error.status(), t == null ? error.message() : String.valueOf(t.getMessage()));
    }
    // A spent budget sets its own Retry-After (the period's reset; none for a total budget).
    if ((error.status() == 429 || error.status() == 503) && !(t instanceof BudgetExceededException)) {
      ctx.response().putHeader("retry-after", Long.toString(UpstreamHeaders.retryAfterSeconds(t,
          assembly.guards()::remainingOpenMs)));
    }
    Responses.json(ctx, error.status(), error.toJson());
  }

  private static ObjectNode status(String s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("status", s);
    return n;
  }
}

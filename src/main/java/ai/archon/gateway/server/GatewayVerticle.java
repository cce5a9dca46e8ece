package ai.archon.gateway.server;

import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.provider.ProviderRegistry;
import ai.archon.gateway.resilience.ProvidersView;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP front: the OpenAI-compatible routes, health probes, and the one failure handler that writes errors. */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private final GatewayOptions options;
  private final ModelCatalog catalog;
  private final ProviderRegistry providers;
  private final GatewayEvents events;
  private HttpServer server;

  public GatewayVerticle(GatewayOptions options, ModelCatalog catalog, ProviderRegistry providers,
      GatewayEvents events) {
    this.options = options;
    this.catalog = catalog;
    this.providers = providers;
    this.events = events;
  }

  @Override
  public Future<?> start() {
    ModelsHandler models = new ModelsHandler(catalog, providers);
    ChatCompletionsHandler chat = new ChatCompletionsHandler(vertx, catalog, providers, options.sseKeepAliveMs(), events);
    KeyGate keys = new KeyGate(providers.clientKeys(), events);
    AdminGate admin = new AdminGate(providers.settings().env().get(AdminGate.ENV));
    Router router = Router.router(vertx);
    router.route().handler(this::tagRequest);
    router.get("/health").handler(ctx -> Responses.json(ctx, 200, status("ok")));
    router.get("/ready").handler(this::ready);
    router.get("/v1/archon/providers").handler(admin.or(keys::authenticate))
        .handler(ctx -> Responses.json(ctx, 200, ProvidersView.of(providers.guards())));
    router.route("/v1/*").handler(keys::authenticate);
    router.get("/v1/models").handler(models::list);
    router.get("/v1/models/:id").handler(models::get);
    router.post("/v1/chat/completions")
        .handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()))
        .handler(keys::admit)
        .handler(chat::handle);
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(this::fail);
    server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false));
    return server.requestHandler(router).listen(options.port(), options.host());
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void tagRequest(RoutingContext ctx) {
    String id = RequestIds.of(ctx);
    ctx.put("requestId", id);
    ctx.response().putHeader("x-request-id", id);
    ctx.response().headersEndHandler(v -> UpstreamHeaders.put(ctx));
    ctx.next();
  }

  private void ready(RoutingContext ctx) {
    boolean ready = catalog.size() > 0;
    ObjectNode body = status(ready ? "ready" : "no configs loaded");
    body.put("models", catalog.size());
    Responses.json(ctx, ready ? 200 : 503, body);
  }

  private void fail(RoutingContext ctx) {
    Throwable t = ctx.failure();
    OpenAiError error = t != null ? OpenAiError.from(t) : OpenAiError.ofStatus(ctx.statusCode());
    if (error.status() >= 500) {
      LOG.warn("[{}] {} {} failed with {}: {}", ctx.<String>get("requestId"), ctx.request().method(),
          ctx.request().path(), error.status(), t == null ? error.message() : String.valueOf(t.getMessage()),
          error.status() == 500 ? t : null);
    }
    if (error.status() == 429 || error.status() == 503) {
      ctx.response().putHeader("retry-after", Long.toString(UpstreamHeaders.retryAfterSeconds(t)));
    }
    Responses.json(ctx, error.status(), error.toJson());
  }

  private static ObjectNode status(String s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("status", s);
    return n;
  }
}

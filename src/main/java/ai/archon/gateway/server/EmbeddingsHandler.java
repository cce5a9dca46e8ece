package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.Governance;
import ai.archon.gateway.model.TokenEstimate;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.resilience.GuardedProviders;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /v1/embeddings}: {@code model} must be {@code <model_type>/<model>} of a provider whose protocol has an
 * embeddings API (see {@link Embeddings}); a virtual model is a 400 {@code model_not_supported} (an ensemble makes
 * text, not vectors). The call goes through the provider's guard like a pass-through chat call, with the request's
 * deadline, metrics and access line.
 */
final class EmbeddingsHandler {
  private final Vertx vertx;
  private final ModelCatalog catalog;
  private final GuardedProviders providers;
  private final Governance governance;
  private final GatewayEvents events;

  EmbeddingsHandler(Vertx vertx, ModelCatalog catalog, GuardedProviders providers, Governance governance,
      GatewayEvents events) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.providers = providers;
    this.governance = governance;
    this.events = events;
  }

  void handle(RoutingContext ctx) {
    Inbound in = Inbound.of(ctx);
    RequestTimer timer = RequestTimer.start(ctx, in, events);
    EmbeddingsRequestParser.Parsed req = EmbeddingsRequestParser.parse(in.tree(ctx.body().buffer()));
    if (catalog.get(req.model()) != null) {
      throw new ApiException(400, "invalid_request_error", "model_not_supported", "model", "model '" + req.model()
          + "' is a virtual (ensemble) model, which makes no embeddings: use <model_type>/<model> of a provider with"
          + " an embeddings API (e.g. OpenAI_API/text-embedding-3-small)");
    }
    PassThrough target = PassThrough.resolve(req.model(), providers::knows);
    if (target == null) throw ApiException.notFound(req.model());
    Embeddings embeddings = providers.embeddings(target.modelType()).orElseThrow(() -> new ApiException(400,
        "invalid_request_error", "model_not_supported", "model", "provider '" + target.modelType()
            + "' has no embeddings API: use an OpenAI-compatible, Gemini or Bedrock model_type"));
    Embeddings.Request request = new Embeddings.Request(req.body(), target.model(), req.texts(), req.batch(),
        req.dimensions(), req.base64(), TokenEstimate.of(ctx.body().length(), 0L));
    embeddings.refusal(request).ifPresent(r -> {
      throw ApiException.invalid(r.param(), r.message());
    });
    UpstreamWork work = UpstreamWork.begin(vertx, ctx, in, governance);
    work.call().trace(timer.trace()); // the attempt spans hang under the request's server span
    timer.resolved(req.model(), false, work.call());
    UpstreamWork.requireKeys(providers, req.model(), List.of(target.modelType()));
    work.deadline().bound(embeddings.embed(request, work.call())).onComplete(ar -> {
      if (ar.succeeded()) events.upstreamTokens(target.modelType(), target.model(), ar.result().usage());
      timer.upstream(ar.succeeded() ? ar.result().usage() : null);
      if (ar.failed()) ctx.fail(ar.cause());
      else Responses.json(ctx, 200, ar.result().body());
    });
  }
}

package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.TokenEstimate;
import ai.archon.gateway.provider.Embeddings;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /v1/embeddings}: {@code model} must be {@code <model_type>/<model>} of a provider whose protocol has an
 * embeddings API (see {@link Embeddings}); a virtual model is a 400 {@code model_not_supported} (an ensemble makes
 * text, not vectors). The call goes through the provider's guard like a pass-through chat call, with the request's
 * deadline, metrics and access line.
 */
record EmbeddingsHandler(Serving serving) {

  void handle(RoutingContext ctx) {
    Inbound in = Inbound.of(ctx);
    RequestTimer timer = RequestTimer.start(ctx, in, serving.events());
    EmbeddingsRequestParser.Parsed req = EmbeddingsRequestParser.parse(in.tree(ctx.body().buffer()));
    if (serving.catalog().get(req.model()) != null) {
      throw new ApiException(400, "invalid_request_error", "model_not_supported", "model", "model '" + req.model()
          + "' is a virtual (ensemble) model, which makes no embeddings: use <model_type>/<model> of a provider with"
          + " an embeddings API (e.g. OpenAI_API/text-embedding-3-small)");
    }
    PassThrough target = PassThrough.resolve(req.model(), serving.providers()::knows);
    if (target == null) throw ApiException.notFound(req.model());
    Embeddings embeddings = serving.providers().embeddings(target.modelType()).orElseThrow(() -> new ApiException(400,
        "invalid_request_error", "model_not_supported", "model", "provider '" + target.modelType()
            + "' has no embeddings API: use an OpenAI-compatible, Gemini or Bedrock model_type"));
    Embeddings.Request request = new Embeddings.Request(req.body(), target.model(), req.texts(), req.batch(),
        new Embeddings.Request.Format(req.dimensions(), req.base64()), TokenEstimate.of(ctx.body().length(), 0L));
    embeddings.refusal(request).ifPresent(r -> {
      throw ApiException.invalid(r.param(), r.message());
    });
    UpstreamWork work = UpstreamWork.begin(serving.vertx(), ctx, in, serving.governance());
    work.call().trace(timer.trace()); // the attempt spans hang under the request's server span
    timer.resolved(req.model(), false, work.call());
    UpstreamWork.requireKeys(serving.providers(), req.model(), List.of(target.modelType()));
    work.deadline().bound(embeddings.embed(request, work.call())).onComplete(ar -> {
      if (ar.succeeded()) serving.events().upstreamTokens(target.modelType(), target.model(), ar.result().usage());
      timer.upstream(ar.succeeded() ? ar.result().usage() : null);
      if (ar.failed()) ctx.fail(ar.cause());
      else Responses.json(ctx, 200, ar.result().body());
    });
  }
}

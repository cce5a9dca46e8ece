package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.SpendEstimate;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.resilience.GuardedProviders;
import ai.archon.gateway.config.Governance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code POST /v1/chat/completions}: validates the body, resolves {@code model} to an ensemble (or to
 * {@code <model_type>/<model>} pass-through), checks that every provider it needs has its key, and answers as JSON
 * or SSE. A client that disconnects cancels every upstream call still running for it.
 */
final class ChatCompletionsHandler {
  private final Vertx vertx;
  private final ModelCatalog catalog;
  private final GuardedProviders providers;
  private final Governance governance;
  private final EnsembleResponder ensembles;
  private final ProxyResponder proxy;
  private final GatewayEvents events;
  private final CachedResponder cached;
  private final SpendGate spend;

  ChatCompletionsHandler(Vertx vertx, ModelCatalog catalog, GuardedProviders providers, Governance governance,
      GatewayEvents events, ChatResponders responders, SpendGate spend) {
    this.vertx = vertx;
    this.spend = spend;
    this.events = events;
    this.catalog = catalog;
    this.providers = providers;
    this.governance = governance;
    this.ensembles = responders.ensembles();
    this.proxy = responders.proxy();
    this.cached = responders.cached();
  }

  void handle(RoutingContext ctx) {
    Inbound in = Inbound.of(ctx);
    RequestTimer timer = timer(ctx);
    ParsedChat chat = ChatRequestParser.parse(in.tree(ctx.body().buffer()));
    answer(ctx, timer, chat, ReplyShape.CHAT);
  }

  /** Starts timing a request (the access log and metrics): first, so that a request refused as invalid counts. */
  RequestTimer timer(RoutingContext ctx) {
    return RequestTimer.start(ctx, Inbound.of(ctx), events);
  }

  /**
   * Answers {@code chat} in {@code shape}'s API: the one flow behind Chat Completions and the APIs translated onto it
   * (the Responses API), so that every model and every answer path serves them all.
   */
  void answer(RoutingContext ctx, RequestTimer timer, ParsedChat chat, ReplyShape shape) {
    Inbound in = Inbound.of(ctx);
    UpstreamWork work = UpstreamWork.begin(vertx, ctx, in, governance);
    CallContext call = work.call();
    call.trace(timer.trace()); // every span of the request hangs under its server span
    ChatExchange ex = new ChatExchange(ctx, in, chat, call, work.deadline(), timer, shape);
    Pipeline pipeline = catalog.get(chat.model());
    long prompt = SpendGate.promptTokens(ex);
    Integer maxTokens = chat.overrides().maxTokens();
    if (pipeline != null) {
      timer.resolved(chat.model(), chat.stream(), call);
      EnsembleFields.check(chat.raw(), chat.model());
      ToolCapability.check(pipeline, chat, providers);
      UpstreamWork.requireKeys(providers, chat.model(), pipeline.spec().modelTypes());
      then(ex, spend.admit(ex, prices -> SpendEstimate.of(pipeline, prompt, maxTokens, prices)),
          tab -> ensemble(ex, pipeline, tab));
      return;
    }
    PassThrough target = PassThrough.resolve(chat.model(), providers::knows);
    if (target == null) throw ApiException.notFound(chat.model());
    timer.resolved(chat.model(), chat.stream(), call);
    UpstreamWork.requireKeys(providers, chat.model(), List.of(target.modelType()));
    then(ex, spend.admit(ex, prices -> SpendEstimate.passThrough(prices.of(target.modelType(), target.model()),
        prompt, maxTokens)), tab -> proxy.respond(ex, target));
  }

  /** Answers once the spend gate admitted the request (at once without budgets); its refusal is the answer else. */
  private static void then(ChatExchange ex, Future<SpendTab> admitted, Consumer<SpendTab> answer) {
    admitted.onComplete(ar -> {
      try {
        if (ar.failed()) ex.ctx().fail(ar.cause());
        else answer.accept(ar.result());
      } catch (RuntimeException e) {
        ex.ctx().fail(e);
      }
    });
  }

  private void ensemble(ChatExchange ex, Pipeline pipeline, SpendTab tab) {
    ParsedChat chat = ex.chat();
    RunContext run = new RunContext(chat.messages(), chat.overrides(), ex.call(), providers, events);
    run.prices(tab.prices());
    tab.usageFrom(run::usage);
    run.choices(chat.n());
    ex.timer().pipeline(run);
    Integer min = pipeline.spec().minCandidates();
    run.minCandidates(min != null ? min : governance.minCandidates());
    run.deadline(System.nanoTime() + ex.deadline().millis() * 1_000_000L, governance.layerDeadlinePercent(),
        governance.stragglerGraceMs());
    // A traced request is for looking inside a run: always a fresh one.
    boolean trace = ex.traced();
    String cacheKey = trace ? null : cached.keyFor(pipeline, ex);
    if (cacheKey == null) {
      ensembles.respond(ex, EnsembleAnswer.fresh(pipeline, run, trace));
    } else {
      cached.respond(ex, pipeline, run, cacheKey);
    }
  }
}

package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.SpendEstimate;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.model.CallContext;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code POST /v1/chat/completions}: validates the body, resolves {@code model} to an ensemble (or to
 * {@code <model_type>/<model>} pass-through), checks that every provider it needs has its key, and answers as JSON
 * or SSE. A client that disconnects cancels every upstream call still running for it.
 */
record ChatCompletionsHandler(Serving serving, ChatResponders responders, SpendGate spend) {

  void handle(RoutingContext ctx) {
    Inbound in = Inbound.of(ctx);
    RequestTimer timer = timer(ctx);
    ParsedChat chat = ChatRequestParser.parse(in.tree(ctx.body().buffer()));
    answer(ctx, timer, chat, ReplyShape.CHAT);
  }

  /** Starts timing a request (the access log and metrics): first, so that a request refused as invalid counts. */
  RequestTimer timer(RoutingContext ctx) {
    return RequestTimer.start(ctx, Inbound.of(ctx), serving.events());
  }

  /**
   * Answers {@code chat} in {@code shape}'s API: the one flow behind Chat Completions and the APIs translated onto it
   * (the Responses API), so that every model and every answer path serves them all.
   */
  void answer(RoutingContext ctx, RequestTimer timer, ParsedChat chat, ReplyShape shape) {
    Inbound in = Inbound.of(ctx);
    UpstreamWork work = UpstreamWork.begin(serving.vertx(), ctx, in, serving.governance());
    CallContext call = work.call();
    call.trace(timer.trace()); // every span of the request hangs under its server span
    ChatExchange ex = new ChatExchange(ctx, in, chat, work, timer, shape);
    Pipeline pipeline = serving.catalog().get(chat.model());
    long prompt = SpendGate.promptTokens(ex);
    Integer maxTokens = chat.overrides().maxTokens();
    if (pipeline != null) {
      timer.resolved(chat.model(), chat.stream(), call);
      EnsembleFields.check(chat.raw(), chat.model());
      ToolCapability.check(pipeline, chat, serving.providers());
      UpstreamWork.requireKeys(serving.providers(), chat.model(), pipeline.modelTypes());
      then(ex, spend.admit(ex, prices -> SpendEstimate.of(pipeline, prompt, maxTokens, prices)),
          tab -> ensemble(ex, pipeline, tab));
      return;
    }
    PassThrough target = PassThrough.resolve(chat.model(), serving.providers()::knows);
    if (target == null) throw ApiException.notFound(chat.model());
    timer.resolved(chat.model(), chat.stream(), call);
    UpstreamWork.requireKeys(serving.providers(), chat.model(), List.of(target.modelType()));
    then(ex, spend.admit(ex, prices -> SpendEstimate.passThrough(prices.of(target.modelType(), target.model()),
        prompt, maxTokens)), tab -> responders.proxy().respond(ex, target));
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
    RunContext run = new RunContext(chat.messages(), chat.overrides(), ex.call(), serving.providers(),
        serving.events());
    run.prices(tab.prices());
    tab.usageFrom(run::usage);
    run.choices(chat.n());
    ex.timer().pipeline(run);
    Integer min = pipeline.spec().minCandidates();
    run.minCandidates(min != null ? min : serving.governance().minCandidates());
    var governance = serving.governance();
    run.deadline(System.nanoTime() + ex.deadline().millis() * 1_000_000L, governance.layerDeadlinePercent(),
        governance.stragglerGraceMs());
    // A traced request is for looking inside a run: always a fresh one.
    boolean trace = ex.traced();
    if (trace) run.recordTrace(); // the reply's trace, or the live trace's: built only when asked for
    String cacheKey = trace ? null : responders.cached().keyFor(pipeline, ex);
    if (cacheKey == null) {
      responders.ensembles().respond(ex, EnsembleAnswer.fresh(pipeline, run, trace));
    } else {
      responders.cached().respond(ex, pipeline, run, cacheKey);
    }
  }
}

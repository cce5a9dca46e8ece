package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.Forwarding;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import ai.archon.gateway.provider.openai.RelayedUsage;
import ai.archon.gateway.resilience.GuardedProviders;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * {@code model: "<model_type>/<model>"}: one provider, no ensemble. Providers that can forward (OpenAI-compatible
 * ones) get the client's body with every field kept (tools, response_format, logprobs, n) and their reply relayed as
 * is; the others are called through their adapter's mapping and answered in OpenAI's format. Either way the call
 * goes through the provider's guard.
 *
 * @param keepAliveMs SSE comment interval while a stream is quiet
 * @param writeStallMs how long a full client socket may hold the upstream read before the stream fails
 */
record ProxyResponder(Vertx vertx, GuardedProviders providers, long keepAliveMs, long writeStallMs,
    GatewayEvents events) {

  void respond(ChatExchange ex, PassThrough target) {
    ChatProvider provider = providers.guarded(target.modelType());
    provider.forwarding().ifPresentOrElse(f -> forward(ex, target, f), () -> translate(ex, target, provider));
  }

  /**
   * Reports the tokens of a pass-through request's call to the metrics and the access log (the guard counts
   * attempts) and returns them priced (the request's spend).
   */
  private Usage report(ChatExchange ex, PassThrough target, Usage usage) {
    if (usage != null) events.upstreamTokens(target.modelType(), target.model(), usage);
    ex.timer().upstream(usage);
    SpendTab tab = ex.inbound().spend();
    return tab == null ? usage : tab.price(target.modelType(), target.model(), usage);
  }

  /** A relayed answer that reported no usage is charged its reserved estimate (see {@link SpendTab#unmetered}). */
  private static void unmetered(ChatExchange ex, boolean answered, Usage usage) {
    if (answered && usage == null && ex.inbound().spend() != null) ex.inbound().spend().unmetered();
  }

  private void forward(ChatExchange ex, PassThrough target, Forwarding provider) {
    ParsedChat chat = ex.chat();
    Forwarding.Forward request = Forwarding.Forward.of(chat.raw(), target.model(), ex.ctx().body().length(),
        chat.overrides().maxTokens());
    if (!chat.stream()) {
      ex.deadline().bound(provider.forward(request, ex.call())).onComplete(ar -> {
        Usage used = ar.succeeded() ? RelayedUsage.of(ar.result()) : null;
        report(ex, target, used);
        unmetered(ex, ar.succeeded(), used);
        if (ar.failed()) ex.ctx().fail(ar.cause());
        else ex.answer(ar.result());
      });
      return;
    }
    // Headers wait for the first upstream event, so an upstream 4xx still reaches the client as its status.
    SseWriter sse = ex.sse(vertx, keepAliveMs);
    ClientOutlet.attach(ex, sse, writeStallMs); // the upstream read waits while the client's socket is full
    Usage[] usage = {null}; // from the usage chunk, sent when the client asked for stream_options.include_usage
    ex.deadline().bound(provider.forwardStream(request, ex.call(), event -> {
      ex.timer().firstToken();
      sse.relay(event);
      Usage u = RelayedUsage.ofStreamEvent(event);
      if (u != null) usage[0] = u;
    })).onComplete(ar -> {
      report(ex, target, usage[0]);
      unmetered(ex, ar.succeeded(), usage[0]);
      if (ar.failed() && !sse.opened()) ex.ctx().fail(ar.cause());
      else if (ar.failed()) sse.fail(OpenAiError.from(ar.cause()));
      else sse.done();
    });
  }

  private void translate(ChatExchange ex, PassThrough target, ChatProvider provider) {
    ParsedChat chat = ex.chat();
    String unmapped = ChatMessagesParser.firstPartNotIn(chat.raw().get("messages"),
        ChatMessagesParser.MODELLED);
    if (unmapped != null) {
      throw new ApiException(400, "invalid_request_error", "unsupported_parameter", unmapped, "'" + unmapped
          + "': this content part type cannot be translated for " + target.modelType() + "; only text, image_url and "
          + "input_audio parts can");
    }
    var o = chat.overrides();
    ChatRequest req = new ChatRequest(target.model(), chat.messages(), o.sampling(), null, null, o.output());
    if (!chat.stream()) {
      CompletionWriter out = new CompletionWriter(ex.completionId(), target.name(), null);
      ex.deadline().bound(provider.complete(req, ex.call())).onComplete(ar -> {
        Usage priced = report(ex, target, ar.succeeded() ? ar.result().usage() : null);
        if (ar.failed()) {
          ex.ctx().fail(ar.cause());
          return;
        }
        ex.answer(out.completion(List.of(ar.result()), priced, null));
      });
      return;
    }
    SseWriter sse = ex.sse(vertx, keepAliveMs);
    ClientOutlet.attach(ex, sse, writeStallMs); // the upstream read waits while the client's socket is full
    CompletionWriter out = new CompletionWriter(ex.completionId(), target.name(), sse);
    ex.deadline().bound(provider.stream(req, ex.call(), text -> {
      ex.timer().firstToken();
      out.text(0, text);
    })).onComplete(ar -> {
      Usage priced = report(ex, target, ar.succeeded() ? ar.result().usage() : null);
      if (ar.failed() && !sse.opened()) {
        ex.ctx().fail(ar.cause());
      } else if (ar.failed()) {
        sse.fail(OpenAiError.from(ar.cause()));
      } else {
        if (ar.result().hasToolCalls()) out.toolCalls(0, ar.result().toolCalls());
        out.finish(0, ar.result().finishReason());
        if (chat.includeUsage()) out.usage(priced, false);
        sse.done();
      }
    });
  }
}

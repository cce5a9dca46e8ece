package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.ProviderRegistry;
import ai.archon.gateway.resilience.GuardedProviders;
import ai.archon.gateway.resilience.Guards;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import ai.archon.gateway.provider.OpenAiCompatibleProvider;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.resilience.Deadline;
import ai.archon.gateway.resilience.Guard;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code model: "<model_type>/<model>"}: one provider, no ensemble. OpenAI-compatible providers get the client's
 * body with every field kept (tools, response_format, logprobs, n) and their reply relayed as is; other protocols
 * are mapped through the adapter and answered in OpenAI's format.
 */
final class ProxyResponder {
  private final Vertx vertx;
  private final ProviderRegistry adapters;
  private final Guards guards;
  private final GuardedProviders providers;
  private final long keepAliveMs;
  private final GatewayEvents events;

  ProxyResponder(Vertx vertx, ProviderRegistry adapters, Guards guards, GuardedProviders providers, long keepAliveMs,
      GatewayEvents events) {
    this.vertx = vertx;
    this.adapters = adapters;
    this.guards = guards;
    this.providers = providers;
    this.keepAliveMs = keepAliveMs;
    this.events = events;
  }

  void respond(RoutingContext ctx, ParsedChat chat, String modelType, String model, CallContext call) {
    ChatProvider provider = adapters.provider(modelType);
    Deadline deadline = ctx.get(Deadline.class.getName());
    if (provider instanceof OpenAiCompatibleProvider) {
      forward(ctx, chat, (OpenAiCompatibleProvider) provider, guards.forProvider(modelType), model, call,
          deadline);
    } else {
      translate(ctx, chat, providers.guarded(modelType), model, call, deadline);
    }
  }

  /** Reports the tokens of a pass-through request's call to the metrics and the access log (the guard counts attempts). */
  private void report(RoutingContext ctx, String modelType, String model, Usage usage) {
    if (usage != null) events.upstreamTokens(modelType, model, usage);
    RequestTimer.of(ctx).upstream(usage);
  }


  private void forward(RoutingContext ctx, ParsedChat chat, OpenAiCompatibleProvider provider, Guard guard,
      String model, CallContext call, Deadline deadline) {
    // forward() writes the upstream model itself and copies every other field, so the client's tree is not copied.
    ObjectNode body = chat.raw();
    String modelType = chat.model().substring(0, chat.model().indexOf('/'));
    // A rate-limit estimate of the prompt from the client's body size (4 bytes a token), not from re-serializing it.
    long tokens = (ctx.body().length() + 3) / 4 + (chat.overrides().maxTokens() == null ? 0 : chat.overrides().maxTokens());
    if (!chat.stream()) {
      deadline.bound(guard.call(model, call, tokens, null, (c, sink) -> provider.forward(body, model, c), b -> -1L))
          .onComplete(ar -> {
        report(ctx, modelType, model, ar.succeeded() ? OpenAiMapper.relayedUsage(ar.result()) : null);
        if (ar.failed()) ctx.fail(ar.cause());
        else Responses.json(ctx, 200, ar.result());
      });
      return;
    }
    // Headers wait for the first upstream event, so an upstream 4xx still reaches the client as its status.
    SseWriter sse = new SseWriter(vertx, ctx.response(), keepAliveMs);
    RequestTimer timer = RequestTimer.of(ctx);
    Usage[] usage = {null}; // from the usage chunk, sent when the client asked for stream_options.include_usage
    deadline.bound(guard.call(model, call, tokens, event -> {
      timer.firstToken();
      sse.data(event);
      Usage u = OpenAiMapper.relayedStreamUsage(event);
      if (u != null) usage[0] = u;
    }, (c, sink) -> provider.forwardStream(body, model, c, sink), v -> -1L)).onComplete(ar -> {
      report(ctx, modelType, model, usage[0]);
      if (ar.failed() && !sse.opened()) ctx.fail(ar.cause());
      else if (ar.failed()) sse.fail(OpenAiError.from(ar.cause()));
      else sse.done();
    });
  }

  private void translate(RoutingContext ctx, ParsedChat chat, ChatProvider provider, String model, CallContext call,
      Deadline deadline) {
    var o = chat.overrides();
    ChatRequest req = new ChatRequest(model, chat.messages(), o.temperature(), o.maxTokens(), o.topP(), o.stop(),
        o.seed(), o.user(), null, null);
    String id = "chatcmpl-" + ctx.get("requestId");
    long created = System.currentTimeMillis() / 1000;
    String name = chat.model();
    String modelType = name.substring(0, name.indexOf('/'));
    if (!chat.stream()) {
      deadline.bound(provider.complete(req, call)).onComplete(ar -> {
        report(ctx, modelType, model, ar.succeeded() ? ar.result().usage() : null);
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        Responses.json(ctx, 200, OpenAiResponses.completion(id, created, name, List.of(ar.result().text()),
            ar.result().finishReason(), ar.result().usage(), null));
      });
      return;
    }
    SseWriter sse = new SseWriter(vertx, ctx.response(), keepAliveMs);
    RequestTimer timer = RequestTimer.of(ctx);
    deadline.bound(provider.stream(req, call, text -> {
      if (!sse.opened()) sse.data(OpenAiResponses.roleChunk(id, created, name, 0));
      timer.firstToken();
      sse.data(OpenAiResponses.textChunk(id, created, name, 0, text));
    })).onComplete(ar -> {
          report(ctx, modelType, model, ar.succeeded() ? ar.result().usage() : null);
          if (ar.failed() && !sse.opened()) {
            ctx.fail(ar.cause());
            return;
          }
          if (ar.failed()) {
            sse.fail(OpenAiError.from(ar.cause()));
            return;
          }
          if (!sse.opened()) sse.data(OpenAiResponses.roleChunk(id, created, name, 0));
          sse.data(OpenAiResponses.finishChunk(id, created, name, 0, ar.result().finishReason()));
          if (chat.includeUsage()) sse.data(OpenAiResponses.usageChunk(id, created, name, ar.result().usage()));
          sse.done();
        });
  }
}

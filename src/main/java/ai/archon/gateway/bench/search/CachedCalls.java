package ai.archon.gateway.bench.search;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.provider.Forwarding;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The layer the search puts around every chat adapter of one command (one bench or judge run): a call whose key is
 * in the {@link CallCache} is answered from it, any other goes upstream and its reply is kept. The key is the model
 * (model_type and name), the messages (role and text), the sampling parameters and the <em>sample index</em>: the
 * n-th identical call within one request (a generator's samples are identical calls) is sample n, so two candidates
 * that both draw two samples from a model on a question share both, and one that draws a single sample shares the
 * first. An identical call already in flight is joined rather than made twice.
 */
final class CachedCalls implements UnaryOperator<ChatProvider> {
  private final CallCache cache;
  private final Prices prices;
  private final CallMeter meter;
  private final Map<String, AtomicInteger> samples = new ConcurrentHashMap<>();
  private final Map<String, Future<ChatResult>> inFlight = new ConcurrentHashMap<>();

  CachedCalls(CallCache cache, Prices prices, CallMeter meter) {
    this.cache = cache;
    this.prices = prices;
    this.meter = meter;
  }

  @Override
  public ChatProvider apply(ChatProvider upstream) {
    return new ChatProvider() {
      @Override public String name() { return upstream.name(); }

      @Override
      public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
        return call(upstream, request, ctx);
      }

      @Override
      public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
        return call(upstream, request, ctx).onSuccess(r -> onDelta.accept(r.text()));
      }

      // Pass-through and embeddings are not chat calls of an architecture: they keep the adapter's own, uncached.
      @Override public Optional<Forwarding> forwarding() { return upstream.forwarding(); }

      @Override public Optional<Embeddings> embeddings() { return upstream.embeddings(); }
    };
  }

  private Future<ChatResult> call(ChatProvider upstream, ChatRequest request, CallContext ctx) {
    String call = callKey(upstream.name(), request);
    int sample = samples.computeIfAbsent(ctx.requestId() + "\n" + call, k -> new AtomicInteger()).getAndIncrement();
    String key = call + "#" + sample;
    CallCache.Reply hit = cache.get(key);
    if (hit != null) {
      cache.savedOne();
      ChatResult r = new ChatResult(hit.text(), new Usage(hit.promptTokens(), hit.completionTokens()), hit.finishReason());
      meter.record(cost(upstream.name(), request.model(), r.usage()));
      return Future.succeededFuture(r);
    }
    Future<ChatResult> running = inFlight.get(key);
    if (running != null) {
      cache.savedOne();
      return running.onSuccess(r -> meter.record(cost(upstream.name(), request.model(), r.usage())));
    }
    Future<ChatResult> f = upstream.complete(request, ctx).onComplete(ar -> inFlight.remove(key)).onSuccess(r -> {
      double usd = cost(upstream.name(), request.model(), r.usage());
      cache.put(key, new CallCache.Reply(r.text(), r.usage().promptTokens(), r.usage().completionTokens(),
          r.finishReason()), usd);
      meter.record(usd);
    });
    inFlight.put(key, f);
    return f;
  }

  private double cost(String modelType, String model, Usage usage) {
    Prices.Price p = prices.of(modelType, model);
    if (p == null) return 0;
    return (usage.promptTokens() * p.input() + usage.completionTokens() * p.output()) / 1_000_000.0;
  }

  /** SHA-256 of the call's model, messages and parameters (without the sample index). */
  static String callKey(String modelType, ChatRequest r) {
    ObjectNode n = JsonIo.MAPPER.createObjectNode().put("model_type", modelType).put("model", r.model());
    ArrayNode messages = n.putArray("messages");
    for (Message m : r.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
    if (r.temperature() != null) n.put("temperature", r.temperature());
    if (r.maxTokens() != null) n.put("max_tokens", r.maxTokens());
    if (r.topP() != null) n.put("top_p", r.topP());
    if (r.seed() != null) n.put("seed", r.seed());
    ArrayNode stop = n.putArray("stop");
    r.stop().forEach(stop::add);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(n.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

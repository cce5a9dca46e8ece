package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.Futures;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import ai.archon.gateway.provider.openai.RelayedUsage;
import ai.archon.gateway.provider.openai.OpenAiRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Any server speaking OpenAI Chat Completions (OpenAI, Together, Groq, vLLM, TGI, Ollama, ...):
 * {@code POST {base_url}/chat/completions} with {@code Authorization: Bearer <key>} when a key is set.
 *
 * <p>Besides {@link ChatProvider}, it is {@link Forwarding}: it proxies a client's own body for the gateway's
 * {@code <model_type>/<model>} pass-through mode, keeping every field of the body but {@code model}; and
 * {@link Embeddings}, the same for {@code {base_url}/embeddings}.
 */
public final class OpenAiCompatibleProvider implements ChatProvider, Forwarding, Embeddings {
  private final ProviderLink link;
  private final String authorization;
  private final String url;
  private final String embeddingsUrl;
  /** The chat endpoint's options, JSON and SSE, built once: a call sends them as they are (see {@link HttpCalls}). */
  private final RequestOptions chatJson;
  private final RequestOptions chatSse;
  /** The latest non-streaming body and the request it was written for (see {@link #body}). */
  private volatile Written lastWritten;

  public OpenAiCompatibleProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull) {
    this(vertx, http, spec, apiKeyOrNull, Timeouts.DEFAULT);
  }

  public OpenAiCompatibleProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull, Timeouts timeouts) {
    if (spec.baseUrl() == null || spec.baseUrl().isBlank()) {
      throw new IllegalArgumentException(spec.modelType() + ": an OpenAI-compatible provider needs a base_url");
    }
    this.link = ProviderLink.of(vertx, http, spec, apiKeyOrNull, timeouts);
    this.authorization = link.bearer();
    this.url = Urls.trimSlash(spec.baseUrl()) + "/chat/completions";
    this.embeddingsUrl = Urls.trimSlash(spec.baseUrl()) + "/embeddings";
    this.chatJson = options(url, false);
    this.chatSse = options(url, true);
  }

  @Override
  public String name() { return link.name(); }

  /**
   * {@code POST {base_url}/embeddings} with the client's body, every field kept but {@code model}; the reply is relayed
   * as the upstream wrote it (a complete JSON object, else a retryable 502), its usage read for the metrics.
   */
  @Override
  public Future<Embeddings.Reply> embed(Embeddings.Request request, CallContext ctx) {
    return Futures.safely(() -> {
      return link.calls().written(request.bytes(),
          () -> OpenAiRequests.forwardBody(request.body(), request.model(), false, false, request.bytes()))
          .compose(body -> link.calls().send(options(embeddingsUrl, false), body, request.model(), ctx, buf -> {
            if (!CompleteJson.object(buf)) {
              throw CompleteJson.broken(link.name(), request.model(), "an empty or incomplete JSON reply");
            }
            Usage usage = RelayedUsage.of(buf);
            return new Embeddings.Reply(buf, usage == null ? Usage.ZERO : usage);
          }));
    });
  }

  @Override
  public Future<Buffer> forward(Forward request, CallContext ctx) {
    if (request == null) return Future.failedFuture(new IllegalArgumentException("no body to forward"));
    return forward(request.body(), request.model(), request.bytes(), ctx);
  }

  @Override
  public Future<Void> forwardStream(Forward request, CallContext ctx, Consumer<EventBytes> onData) {
    if (request == null) return Future.failedFuture(new IllegalArgumentException("no body to forward"));
    return forwardStream(request.body(), request.model(), request.bytes(), ctx, onData);
  }

  /** The endpoint this provider posts to. */
  public String url() { return url; }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return Futures.safely(() -> {
      ChatRequest r = clamp(request);
      return body(request, r).compose(body -> link.calls().send(options(false), body, r.model(), ctx,
          OpenAiMapper::response));
    });
  }

  /**
   * The body for {@code clamped} (the clamped form of {@code request}). The samples of one component send the same
   * request object, one after the other: its body is written once and sent by each (a Vert.x buffer is never
   * released by a write, so it can go out more than once). A large one is written off the event loop.
   */
  private Future<Buffer> body(ChatRequest request, ChatRequest clamped) {
    Written last = lastWritten;
    if (last != null && last.request() == request) return Future.succeededFuture(last.body());
    return written(clamped, false).map(body -> {
      lastWritten = new Written(request, body);
      return body;
    });
  }

  /** The chat body for {@code r} (clamped), written off the event loop when its prompt is large. */
  private Future<Buffer> written(ChatRequest r, boolean stream) {
    boolean maxCompletionTokens = OpenAiRequests.usesMaxCompletionTokens(link.name(), r.model());
    return link.calls().written(r.bodySizeHint(), () -> OpenAiRequests.request(r, maxCompletionTokens, stream));
  }

  private record Written(ChatRequest request, Buffer body) { }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return Futures.safely(() -> {
      ChatRequest r = clamp(request);
      OpenAiMapper.StreamState state = new OpenAiMapper.StreamState(link.name(), r.model(), onDelta);
      return written(r, true).compose(body -> link.calls().stream(options(true), body, r.model(), ctx, state))
          .map(v -> state.result());
    });
  }

  /**
   * Pass-through of a client's non-streaming body: sent with {@code model} replaced by the client's model without
   * its {@code <model_type>/} prefix (see {@link #upstreamModel}), {@code stream}/{@code stream_options} dropped and
   * every other field kept (tools, response_format, logprobs, n, ...). Completes with the upstream JSON body as-is.
   */
  public Future<Buffer> forward(ObjectNode clientBody, CallContext ctx) {
    return Futures.safely(() -> {
      return forward(clientBody, upstreamModel(clientBody.path("model").asText("")), 0, ctx);
    });
  }

  /**
   * As {@link #forward(ObjectNode, CallContext)} with the upstream model given; {@code bytes} is the client's body
   * size (a large body is written off the event loop).
   */
  private Future<Buffer> forward(ObjectNode clientBody, String model, long bytes, CallContext ctx) {
    return Futures.safely(() -> link.calls().written(bytes, () -> OpenAiRequests.forwardBody(clientBody, model, false,
        false, bytes)).compose(body -> link.calls().send(options(false), body, model, ctx, buf -> {
          if (!CompleteJson.object(buf)) {
            throw CompleteJson.broken(link.name(), model, "an empty or incomplete JSON reply");
          }
          return buf;
        })));
  }

  /**
   * Pass-through of a client's streaming body ({@code stream: true} forced, the client's stream_options kept):
   * every upstream SSE {@code data:} payload but {@code [DONE]} goes verbatim to {@code onData}, in order, as bytes
   * (checked to be one JSON object each, never decoded to text). Completes when the upstream stream ends.
   */
  public Future<Void> forwardStream(ObjectNode clientBody, CallContext ctx, Consumer<EventBytes> onData) {
    return Futures.safely(() -> {
      return forwardStream(clientBody, upstreamModel(clientBody.path("model").asText("")), 0, ctx, onData);
    });
  }

  /** As {@link #forwardStream(ObjectNode, CallContext, Consumer)} with the upstream model and body size given. */
  private Future<Void> forwardStream(ObjectNode clientBody, String model, long bytes, CallContext ctx,
      Consumer<EventBytes> onData) {
    return Futures.safely(() -> {
      SseDataHandler relay = new SseDataHandler() {
        @Override
        public boolean onData(EventBytes data) {
          if (OpenAiMapper.isDone(data)) return true;
          if (data.length() == 0) return false;
          // A cut or garbled event is never relayed (nor a [DONE] after it): the call fails with an error event.
          if (!CompleteJson.object(data)) throw CompleteJson.broken(link.name(), model, "a broken stream event");
          onData.accept(data);
          return false;
        }

        @Override
        public void onEnd() {
          throw CompleteJson.broken(link.name(), model, "a stream that ended before [DONE]");
        }
      };
      return link.calls().written(bytes, () -> OpenAiRequests.forwardBody(clientBody, model, true, false, bytes))
          .compose(body -> link.calls().streamData(options(true), body, model, ctx, relay));
    });
  }

  /** {@code Together_API/meta-llama/X} → {@code meta-llama/X}: drops this provider's model_type prefix if present. */
  public String upstreamModel(String clientModel) {
    String prefix = link.name() + "/";
    return clientModel.regionMatches(true, 0, prefix, 0, prefix.length()) ? clientModel.substring(prefix.length()) : clientModel;
  }

  private ChatRequest clamp(ChatRequest r) {
    Integer max = OutputLimits.clamp(link.spec(), r.model(), r.maxTokens());
    return Objects.equals(max, r.maxTokens()) ? r : r.withMaxTokens(max);
  }

  private RequestOptions options(boolean sse) {
    return sse ? chatSse : chatJson;
  }

  private RequestOptions options(String target, boolean sse) {
    RequestOptions o = link.calls().post(target, sse);
    if (authorization != null) o.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    return o;
  }
}

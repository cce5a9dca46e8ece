package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Futures;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.provider.gemini.GeminiEmbeddings;
import ai.archon.gateway.provider.gemini.GeminiMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.RequestOptions;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Google Gemini API: {@code POST {base_url}/v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, keyed with the {@code x-goog-api-key} header (never a URL parameter, so the
 * key stays out of access logs). A base URL that already ends in {@code /v1beta} or {@code /v1} is used as the
 * version root; without a base URL the public endpoint is used. {@link ChatRequest#raw()} is ignored.
 */
public final class GeminiProvider implements ChatProvider, Embeddings {
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

  private final ProviderLink link;
  private final String root;

  public GeminiProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull, Timeouts timeouts) {
    this.link = ProviderLink.of(vertx, http, spec, apiKeyOrNull, timeouts);
    this.root = versionRoot(link.baseUrlOr(DEFAULT_BASE_URL));
  }

  /** With the default timeouts. */
  public GeminiProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull) {
    this(vertx, http, spec, apiKeyOrNull, Timeouts.DEFAULT);
  }

  /** The API version root under {@code base}: {@code base} itself when it already names a version, else v1beta. */
  static String versionRoot(String base) {
    return base.endsWith("/v1beta") || base.endsWith("/v1") ? base : base + "/v1beta";
  }

  @Override
  public String name() { return link.name(); }

  @Override
  public Optional<Embeddings.Refusal> refusal(Embeddings.Request request) {
    return TranslatedEmbeddings.refusal(request, link.name());
  }

  /** {@code :embedContent} for one text, {@code :batchEmbedContents} for an array (see {@link GeminiEmbeddings}). */
  @Override
  public Future<Embeddings.Reply> embed(Embeddings.Request request, CallContext ctx) {
    return Futures.safely(() -> {
      RequestOptions o = keyed(root + "/" + GeminiMapper.resource(request.model()) + GeminiEmbeddings.method(request),
          false);
      return link.calls().written(request.bytes(), () -> GeminiEmbeddings.request(request)).compose(body ->
          link.calls().send(o, body, request.model(), ctx, buf -> GeminiEmbeddings.reply(JsonIo.read(buf), request)));
    });
  }

  /** The endpoint for {@code model}; {@code stream} selects {@code :streamGenerateContent?alt=sse}. */
  public String url(String model, boolean stream) {
    return root + "/" + GeminiMapper.resource(model) + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return Futures.safely(() -> {
      return body(request).compose(body -> link.calls().send(options(request.model(), false), body, request.model(),
          ctx, GeminiMapper::response)).map(r -> SerialCalls.apply(request, r));
    });
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return Futures.safely(() -> {
      GeminiMapper.StreamState state = new GeminiMapper.StreamState(link.name(), request.model(), onDelta);
      return body(request).compose(body -> link.calls().stream(options(request.model(), true), body, request.model(),
          ctx, state)).map(v -> SerialCalls.apply(request, state.result()));
    });
  }

  /**
   * The request body, written off the event loop when the prompt is large; a part Gemini cannot take fails as a 400
   * naming this provider.
   */
  private Future<Buffer> body(ChatRequest request) {
    Integer max = OutputLimits.clamp(link.spec(), request.model(), request.maxTokens());
    return link.calls().written(request.bodySizeHint(),
        () -> UnsupportedContent.named(link.name(), request.model(), () -> GeminiMapper.request(request, max)));
  }

  private RequestOptions options(String model, boolean sse) {
    return keyed(url(model, sse), sse);
  }

  private RequestOptions keyed(String target, boolean sse) {
    RequestOptions o = link.calls().post(target, sse);
    if (link.apiKey() != null) o.putHeader("x-goog-api-key", link.apiKey());
    return o;
  }
}

package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Futures;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.provider.anthropic.AnthropicMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.RequestOptions;
import java.util.function.Consumer;

/**
 * Anthropic Messages: {@code POST {base_url}/v1/messages} with {@code x-api-key} and {@code anthropic-version}.
 * A base URL that already ends in {@code /v1} is not given a second one; without a base URL the public API is used.
 * {@link ChatRequest#raw()} is ignored: an OpenAI body cannot be forwarded to Anthropic.
 */
public final class AnthropicProvider implements ChatProvider {
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  private final ProviderLink link;
  private final String url;

  public AnthropicProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull) {
    this(vertx, http, spec, apiKeyOrNull, Timeouts.DEFAULT);
  }

  public AnthropicProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull, Timeouts timeouts) {
    this.link = ProviderLink.of(vertx, http, spec, apiKeyOrNull, timeouts);
    String base = link.baseUrlOr(DEFAULT_BASE_URL);
    this.url = base + (base.endsWith("/v1") ? "/messages" : "/v1/messages");
  }

  @Override
  public String name() { return link.name(); }

  /** The endpoint this provider posts to. */
  public String url() { return url; }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return Futures.safely(() -> {
      boolean jsonAnswer = AnthropicMapper.answersInTool(request);
      return body(request, false).compose(body -> link.calls().send(options(false), body, request.model(), ctx,
          b -> AnthropicMapper.response(b, jsonAnswer)));
    });
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return Futures.safely(() -> {
      AnthropicMapper.StreamState state = new AnthropicMapper.StreamState(link.name(), request.model(), onDelta,
          AnthropicMapper.answersInTool(request));
      return body(request, true).compose(body -> link.calls().stream(options(true), body, request.model(), ctx, state))
          .map(v -> state.result());
    });
  }

  /** The Messages body, written off the event loop when the prompt is large; a part it cannot take fails as a 400. */
  private Future<Buffer> body(ChatRequest request, boolean stream) {
    int maxTokens = maxTokens(request);
    return link.calls().written(request.bodySizeHint(), () -> UnsupportedContent.named(link.name(), request.model(),
        () -> AnthropicMapper.request(request, maxTokens, stream)));
  }

  private int maxTokens(ChatRequest r) {
    Integer max = OutputLimits.clamp(link.spec(), r.model(), r.maxTokens());
    return max != null ? max : OutputLimits.ANTHROPIC_DEFAULT_MAX_TOKENS; // a spec whose protocol is not "anthropic"
  }

  private RequestOptions options(boolean sse) {
    RequestOptions o = link.calls().post(url, sse).putHeader("anthropic-version", AnthropicMapper.API_VERSION);
    if (link.apiKey() != null) o.putHeader("x-api-key", link.apiKey());
    return o;
  }
}

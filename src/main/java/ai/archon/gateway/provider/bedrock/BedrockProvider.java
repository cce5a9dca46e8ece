package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.config.BuiltinProviders;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.model.Futures;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.provider.HttpCalls;
import ai.archon.gateway.provider.SerialCalls;
import ai.archon.gateway.provider.UnsupportedContent;
import ai.archon.gateway.provider.Urls;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.provider.Timeouts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.RequestOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Amazon Bedrock's Converse and ConverseStream APIs ({@code Bedrock_API}) over the gateway's Vert.x client, each
 * request signed with AWS SigV4 by the AWS SDK v2 signer (CPU only: on the event loop, or with a large body's writing
 * on the shared writer thread). Credentials come from
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and optional {@code AWS_SESSION_TOKEN}; the region from
 * {@code AWS_REGION} or {@code AWS_REGION_NAME}. The stream is {@code application/vnd.amazon.eventstream}.
 */
public final class BedrockProvider implements ChatProvider, Embeddings {
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private final ProviderSpec spec;
  private final HttpCalls calls;
  private final AwsCredentialsIdentity credentials;
  private final String region;

  public BedrockProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, Map<String, String> env) {
    this.spec = spec;
    String accessKey = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
    String token = env.get("AWS_SESSION_TOKEN");
    this.credentials = accessKey == null ? null : token == null || token.isBlank()
        ? AwsCredentialsIdentity.create(accessKey, secret) : AwsSessionCredentialsIdentity.create(accessKey, secret, token);
    this.region = BuiltinProviders.region(env);
    this.calls = new HttpCalls(vertx, http, spec.modelType(), Timeouts.DEFAULT, secret.isEmpty() ? null : secret);
  }

  @Override
  public String name() { return spec.modelType(); }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return Futures.safely(() -> {
      boolean jsonAnswer = BedrockMapper.answersInTool(request);
      return signedBody(request, false).compose(s -> calls.send(s.options(), s.body(), request.model(), ctx,
          buf -> BedrockMapper.response(JsonIo.read(buf), jsonAnswer))).map(r -> SerialCalls.apply(request, r));
    });
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return Futures.safely(() -> {
      BedrockMapper.StreamState state = new BedrockMapper.StreamState(spec.modelType(), request.model(), onDelta,
          BedrockMapper.answersInTool(request));
      return signedBody(request, true).compose(s -> calls.streamChunks(s.options(), s.body(), request.model(), ctx,
          new ConverseChunks(state))).map(v -> SerialCalls.apply(request, state.result()));
    });
  }

  /**
   * InvokeModel for a Titan or Cohere embeddings model (see {@link BedrockEmbeddings}); Titan's one call per text run
   * together, inside the one guarded call, and the reply keeps input order.
   */
  @Override
  public Future<Embeddings.Reply> embed(Embeddings.Request request, CallContext ctx) {
    return Futures.safely(() -> {
      return calls.written(request.bytes(), () -> {
        List<Signed> signed = new ArrayList<>();
        for (Buffer body : BedrockEmbeddings.requests(request)) {
          signed.add(new Signed(signedPath(BedrockEmbeddings.path(request.model()), false, body), body));
        }
        return signed;
      }).compose(signed -> {
        List<Future<JsonNode>> calls = new ArrayList<>();
        for (Signed s : signed) calls.add(this.calls.send(s.options(), s.body(), request.model(), ctx, JsonIo::read));
        return Future.all(calls).map(all -> BedrockEmbeddings.reply(all.list(), request));
      });
    });
  }

  @Override
  public Optional<Embeddings.Refusal> refusal(Embeddings.Request request) {
    return BedrockEmbeddings.refusal(request, spec.modelType());
  }

  /** A request's body and the options signed over it. */
  private record Signed(RequestOptions options, Buffer body) { }

  /**
   * The Converse body and its signature (a SHA-256 over the whole body), made off the event loop when the prompt is
   * large.
   */
  private Future<Signed> signedBody(ChatRequest request, boolean stream) {
    return calls.written(request.bodySizeHint(), () -> {
      Buffer body = body(request);
      return new Signed(signed(request.model(), stream, body), body);
    });
  }

  /** The Converse body; a part Converse cannot take fails as a 400 naming this provider. */
  private Buffer body(ChatRequest request) {
    JsonNode converse = UnsupportedContent.named(spec.modelType(), request.model(), () -> BedrockMapper.request(request));
    return JsonIo.write(request.bodySizeHint(), g -> JsonIo.MAPPER.writeTree(g, converse));
  }

  private RequestOptions signed(String model, boolean stream, Buffer body) {
    return signedPath(BedrockMapper.path(model, stream), stream, body);
  }

  /** A POST to {@code path} under the endpoint, signed with SigV4 over {@code body}. */
  private RequestOptions signedPath(String path, boolean stream, Buffer body) {
    if (credentials == null) throw new IllegalStateException("Bedrock_API needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    String url = Urls.trimSlash(spec.baseUrl()) + path;
    SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url))
        .putHeader("content-type", "application/json")
        .putHeader("accept", stream ? "application/vnd.amazon.eventstream" : "application/json").build();
    byte[] bytes = body.getBytes();
    SignedRequest signed = SIGNER.sign(r -> r.identity(credentials).request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    RequestOptions options = calls.post(url, false);
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host")) options.putHeader(name, values.get(0));
    });
    if (stream) options.putHeader("accept", "application/vnd.amazon.eventstream");
    return options;
  }
}

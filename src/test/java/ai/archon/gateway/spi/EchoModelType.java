package ai.archon.gateway.spi;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Example extension model type {@code "model_type": "Echo"}: answers "echo(<model>): <last user message>". */
public final class EchoModelType implements ModelTypeProvider {
  @Override
  public String modelType() { return "Echo"; }

  @Override
  public ProviderSpec spec(Map<String, String> env) {
    return new ProviderSpec("Echo", Extensions.PROTOCOL, "", List.of(), false, null);
  }

  @Override
  public ChatProvider create(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKey) {
    return new ChatProvider() {
      @Override
      public String name() { return "Echo"; }

      @Override
      public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
        List<Message> m = request.messages();
        String text = "echo(" + request.model() + "): " + m.get(m.size() - 1).content();
        return Future.succeededFuture(new ChatResult(text, new Usage(1, 1), "stop"));
      }

      @Override
      public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
        return complete(request, ctx).onSuccess(r -> onDelta.accept(r.text()));
      }
    };
  }
}

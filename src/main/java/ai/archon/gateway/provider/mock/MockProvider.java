package ai.archon.gateway.provider.mock;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.provider.ChatProvider;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model type {@code Mock}: deterministic answers in the format each component role's prompt asks for
 * ({@link MockAnswers}, driven by the call's purpose), so the gateway's demo runs with no API key.
 *
 * <p>A model id may end with {@code @<n>ms} (e.g. {@code mock-sage@200ms}) to wait n ms before answering (before the
 * first piece when streaming), or with {@code @<n>ms/<m>ms} to also wait m ms between streamed pieces. The answer
 * depends only on the request (model without that suffix, messages, temperature, top_p, seed, purpose), never on
 * time or randomness. {@code maxTokens} cuts the answer to that many words (finish reason {@code length}) and
 * {@code stop} strings cut it at the first one, like a real model. A cancelled call fails with
 * {@link CancellationException}.
 */
public final class MockProvider implements ChatProvider {

  private static final Pattern LATENCY = Pattern.compile("@(\\d{1,6})ms(?:/(\\d{1,5})ms)?$");

  private final Vertx vertx;
  private final String name;

  public MockProvider(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    try {
      CallContext call = ctx == null ? CallContext.detached() : ctx;
      if (call.cancelled()) return Future.failedFuture(cancelled(request));
      ChatResult result = MockAnswers.answer(request);
      long delay = latency(request.model())[0];
      if (delay == 0) return Future.succeededFuture(result);
      Promise<ChatResult> promise = Promise.promise();
      Timer timer = vertx.timer(delay, TimeUnit.MILLISECONDS);
      Runnable forget = call.onCancel(() -> {
        timer.cancel();
        promise.tryFail(cancelled(request));
      });
      timer.onComplete(ar -> {
        forget.run();
        if (ar.succeeded()) promise.tryComplete(result);
        else promise.tryFail(cancelled(request));
      });
      return promise.future();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    try {
      CallContext call = ctx == null ? CallContext.detached() : ctx;
      if (call.cancelled()) return Future.failedFuture(cancelled(request));
      ChatResult result = MockAnswers.answer(request);
      long[] lat = latency(request.model());
      return new MockEmission(vertx, call, request, result, onDelta).start(lat[0], lat[1]);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** {first-token delay, per-piece gap} in ms from the model id's {@code @<n>ms[/<m>ms]} suffix; zeros without one. */
  static long[] latency(String model) {
    if (model == null) return new long[] {0, 0};
    Matcher m = LATENCY.matcher(model);
    if (!m.find()) return new long[] {0, 0};
    return new long[] {Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2))};
  }

  /** The model id without its latency suffix: what the answer text names and what the answer depends on. */
  static String displayModel(String model) {
    if (model == null) return "mock";
    return LATENCY.matcher(model).replaceFirst("");
  }

  static CancellationException cancelled(ChatRequest request) {
    return new CancellationException("Mock (" + (request == null ? "?" : request.model()) + ") call cancelled");
  }
}

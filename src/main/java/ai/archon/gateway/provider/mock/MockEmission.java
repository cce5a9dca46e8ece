package ai.archon.gateway.provider.mock;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One streamed Mock answer: after a wait, the pieces one event-loop turn (or gap) apart until done or cancelled. */
final class MockEmission {
  private final Vertx vertx;
  private final Context context;
  private final CallContext call;
  private final ChatRequest request;
  private final ChatResult result;
  private final Consumer<String> onDelta;
  private final List<String> pieces;
  private final Promise<ChatResult> promise = Promise.promise();
  private long gap;
  private Timer pending;
  private Runnable forget = () -> { };
  private int next;

  MockEmission(Vertx vertx, CallContext call, ChatRequest request, ChatResult result, Consumer<String> onDelta) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.call = call;
    this.request = request;
    this.result = result;
    this.onDelta = onDelta == null ? s -> { } : onDelta;
    this.pieces = MockText.pieces(result.text());
  }

  /** Starts after {@code first} ms, then {@code gap} ms between pieces (0: one event-loop turn). */
  Future<ChatResult> start(long first, long gap) {
    this.gap = gap;
    forget = call.onCancel(this::cancel);
    // Hop onto the context first so every timer below belongs to it, whatever thread called stream().
    context.runOnContext(v -> after(first));
    return promise.future();
  }

  private void after(long delay) {
    if (done()) return;
    if (delay <= 0) {
      context.runOnContext(v -> emit());
    } else {
      pending = vertx.timer(delay, TimeUnit.MILLISECONDS);
      pending.onSuccess(v -> emit());
    }
  }

  private void emit() {
    if (done()) return;
    if (next < pieces.size()) {
      try {
        onDelta.accept(pieces.get(next++));
      } catch (RuntimeException e) {
        forget.run();
        promise.tryFail(e);
        return;
      }
      // The consumer may have cancelled the call synchronously; cancel() has then failed the promise.
      if (next < pieces.size()) {
        after(gap);
        return;
      }
    }
    forget.run();
    promise.tryComplete(result);
  }

  private void cancel() {
    if (pending != null) pending.cancel();
    promise.tryFail(MockProvider.cancelled(request));
  }

  private boolean done() {
    return promise.future().isComplete() || call.cancelled();
  }
}

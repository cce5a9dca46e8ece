package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.Answerer;
import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.bench.RunStats;
import ai.archon.gateway.model.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Asks the judge as bench asks a model: a failed call is tried again after {@code retryDelayMs}, doubling, up to
 * {@code attempts} times. A reply without a verdict is asked again exactly once; a second reply without one leaves
 * the verdict null, so no verdict is ever guessed.
 */
final class JudgeClient {
  private final Vertx vertx;
  private final Answerer answerer;
  private final int attempts;
  private final long retryDelayMs;
  private final RunStats stats;
  private final AtomicInteger askedAgain = new AtomicInteger();

  JudgeClient(Vertx vertx, Answerer answerer, int attempts, long retryDelayMs, RunStats stats) {
    this.vertx = vertx;
    this.answerer = answerer;
    this.attempts = attempts;
    this.retryDelayMs = retryDelayMs;
    this.stats = stats;
  }

  /** The judge's reply to {@code ask} and the verdict {@code reader} finds in it (null: none). */
  <T> Future<JudgeReply<T>> ask(JudgeAsk ask, Function<ModelReply, T> reader) {
    return call(ask, ask.messages(), 1).compose(first -> {
      T verdict = reader.apply(first);
      if (verdict != null) return Future.succeededFuture(new JudgeReply<>(List.of(first), verdict));
      askedAgain.incrementAndGet();
      List<Message> again = new ArrayList<>(ask.messages());
      if (ask.followUp() != null) {
        again.add(Message.assistant(first.text()));
        again.add(Message.user(ask.followUp()));
      }
      return call(ask, again, 1).map(second -> new JudgeReply<>(List.of(first, second), reader.apply(second)));
    });
  }

  /** How many replies had no verdict and were asked again. */
  int askedAgain() {
    return askedAgain.get();
  }

  private Future<ModelReply> call(JudgeAsk ask, List<Message> messages, int n) {
    Future<ModelReply> reply = ask.topLogprobs() > 0
        ? answerer.askWithLogprobs(messages, ask.temperature(), ask.maxTokens(), ask.topLogprobs())
        : answerer.ask(messages, ask.temperature(), ask.maxTokens());
    return reply.transform(ar -> {
      if (ar.succeeded()) return Future.succeededFuture(ar.result());
      if (n >= attempts) return Future.failedFuture(ar.cause());
      stats.retried();
      return vertx.timer(Math.max(1, retryDelayMs << (n - 1))).compose(t -> call(ask, messages, n + 1));
    });
  }
}

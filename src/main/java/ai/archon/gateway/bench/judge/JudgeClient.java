package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.Answerer;
import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.bench.Retries;
import ai.archon.gateway.model.Message;
import io.vertx.core.Future;
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
  private final Answerer answerer;
  private final Retries retries;
  private final AtomicInteger askedAgain = new AtomicInteger();

  JudgeClient(Answerer answerer, Retries retries) {
    this.answerer = answerer;
    this.retries = retries;
  }

  /** The judge's reply to {@code ask} and the verdict {@code reader} finds in it (null: none). */
  <T> Future<JudgeReply<T>> ask(JudgeAsk ask, Function<ModelReply, T> reader) {
    return call(ask, ask.messages()).compose(first -> {
      T verdict = reader.apply(first);
      if (verdict != null) return Future.succeededFuture(new JudgeReply<>(List.of(first), verdict));
      askedAgain.incrementAndGet();
      List<Message> again = new ArrayList<>(ask.messages());
      if (ask.followUp() != null) {
        again.add(Message.assistant(first.text()));
        again.add(Message.user(ask.followUp()));
      }
      return call(ask, again).map(second -> new JudgeReply<>(List.of(first, second), reader.apply(second)));
    });
  }

  /** How many replies had no verdict and were asked again. */
  int askedAgain() {
    return askedAgain.get();
  }

  private Future<ModelReply> call(JudgeAsk ask, List<Message> messages) {
    return retries.run(() -> ask.topLogprobs() > 0
        ? answerer.askWithLogprobs(messages, ask.temperature(), ask.maxTokens(), ask.topLogprobs())
        : answerer.ask(messages, ask.temperature(), ask.maxTokens()));
  }
}

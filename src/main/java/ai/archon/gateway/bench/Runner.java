package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Answers questions with at most {@code parallel} in flight: each of {@code parallel} workers takes the next question
 * when its last one is done. A question's turns go in one conversation; a failed question is tried again (after
 * {@code retryDelayMs}, doubling) up to {@code attempts} times, then recorded as failed while the others go on.
 * Each answer is written (token counting and file append, off the event loop) as soon as it finishes. Runs on one
 * Vert.x context.
 */
record Runner(Answerer answerer, Recording out, int parallel, Retries retries) {

  /** Where answers go: {@code benchmark}'s record for {@code modelId}, appended to {@code log}. */
  record Recording(Benchmark benchmark, String modelId, AnswerLog log) {}

  /** Answers every question of {@code pending}; never fails (failures are in the stats). */
  Future<RunStats> run(List<Question> pending) {
    Iterator<Question> next = pending.iterator();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(parallel, pending.size()); i++) workers.add(work(next));
    return Future.join(workers).transform(done -> Future.succeededFuture(retries.stats()));
  }

  private Future<Void> work(Iterator<Question> next) {
    if (!next.hasNext()) return Future.succeededFuture();
    Question q = next.next();
    return retries.run(() -> ask(q)).compose(this::save).transform(ar -> {
      if (ar.failed()) retries.stats().failed(q.key(), ar.cause());
      return work(next);
    });
  }

  /** Asks the question's turns one after another in one conversation, each after the model's previous answer. */
  private Future<Answered> ask(Question q) {
    long start = System.nanoTime();
    Future<Conversation> conv = Future.succeededFuture(new Conversation(q.context(), List.of(), Usage.FREE, 0));
    if (q.turns().isEmpty()) {
      conv = conv.compose(c -> answerer.ask(c.messages(), q.temperature(), q.maxTokens()).map(c::plus));
    }
    for (String turn : q.turns()) {
      conv = conv.compose(c -> {
        List<Message> messages = new ArrayList<>(c.messages());
        messages.add(Message.user(turn));
        Conversation asked = new Conversation(messages, c.outputs(), c.usage(), c.upstreamCalls());
        return answerer.ask(messages, q.temperature(), q.maxTokens()).map(asked::plus);
      });
    }
    return conv.map(c -> new Answered(q, c.outputs(), c.usage(), c.upstreamCalls(),
        (System.nanoTime() - start) / 1_000_000, now()));
  }

  private static double now() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private Future<Void> save(Answered a) {
    return retries.vertx().executeBlocking(() -> {
      Benchmark benchmark = out.benchmark();
      out.log().append(AnswerJson.line(benchmark.record(a, out.modelId()), benchmark.asciiOnly()));
      return null;
    }).<Void>mapEmpty().onSuccess(v -> retries.stats().answered(a));
  }

  /** The conversation so far: messages, outputs per turn and the totals of the calls made. */
  private record Conversation(List<Message> messages, List<String> outputs, Usage usage, int upstreamCalls) {
    Conversation plus(ModelReply r) {
      List<Message> m = new ArrayList<>(messages);
      m.add(Message.assistant(r.text()));
      List<String> o = new ArrayList<>(outputs);
      o.add(r.text());
      return new Conversation(m, o, usage.plus(r.usage()), upstreamCalls + r.upstreamCalls());
    }
  }
}

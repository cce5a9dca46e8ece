package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerLog;
import ai.archon.gateway.bench.RunStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs judge tasks with at most {@code parallel} in flight, as bench's runner answers questions: each worker takes
 * the next task when its last one is done; each finished line is appended to the log at once (off the event loop),
 * so a killed run keeps it for {@code --resume}; a task whose calls keep failing is recorded as failed.
 */
final class JudgeRunner {
  private final Vertx vertx;
  private final JudgeClient client;
  private final AnswerLog log;
  private final RunStats stats;
  private final AtomicInteger missing = new AtomicInteger();

  JudgeRunner(Vertx vertx, JudgeClient client, AnswerLog log, RunStats stats) {
    this.vertx = vertx;
    this.client = client;
    this.log = log;
    this.stats = stats;
  }

  /** Judges every task; never fails (failures are in the stats). */
  Future<Void> run(List<JudgeTask> tasks, int parallel) {
    Iterator<JudgeTask> next = tasks.iterator();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(parallel, tasks.size()); i++) workers.add(work(next));
    return Future.join(workers).mapEmpty();
  }

  /** Verdicts missing after the judge was asked again. */
  int missing() {
    return missing.get();
  }

  private Future<Void> work(Iterator<JudgeTask> next) {
    if (!next.hasNext()) return Future.succeededFuture();
    JudgeTask task = next.next();
    long start = System.nanoTime();
    return task.judge(client).compose(this::save).transform(ar -> {
      if (ar.failed()) stats.failed(task.key(), ar.cause());
      else stats.answered((System.nanoTime() - start) / 1_000_000, ar.result().usage(), ar.result().calls());
      return work(next);
    });
  }

  private Future<JudgeTask.Judged> save(JudgeTask.Judged judged) {
    return vertx.executeBlocking(() -> {
      log.append(judged.line());
      return judged;
    }).onSuccess(j -> missing.addAndGet(j.missing()));
  }
}

package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.Futures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Judges every candidate concurrently (one judgement per candidate, kept at the candidate's index so a failed one can
 * never shift the others) and completes when all are in or, earlier, when {@code enough} says the results so far
 * decide the outcome. A judgement that fails counts as {@code failed}; judges may check the supplied flag to skip
 * their remaining calls once the outcome is decided.
 */
final class Judgements<T> {
  private final Object[] results;
  private final Predicate<List<T>> enough;
  private final Promise<List<T>> done = Promise.promise();
  private int pending;
  private boolean finished;

  private Judgements(int n, Predicate<List<T>> enough) {
    this.results = new Object[n];
    this.enough = enough;
    this.pending = n;
  }

  /**
   * @param judge makes candidate {@code i}'s judgement; gets a flag that turns true once the outcome is decided
   * @param failed the value recorded for a judgement whose future failed
   * @param enough given the results so far (null = still running), true when no more are needed
   * @return the results by candidate index; null entries were still running when {@code enough} decided
   */
  static <T> Future<List<T>> run(int n, BiFunction<Integer, BooleanSupplier, Future<T>> judge, T failed,
      Predicate<List<T>> enough) {
    Judgements<T> j = new Judgements<>(n, enough);
    if (n == 0) return Future.succeededFuture(List.of());
    BooleanSupplier decided = j::finished;
    for (int i = 0; i < n; i++) {
      int index = i;
      Futures.safely(() -> judge.apply(index, decided)).onComplete(ar -> j.record(index, ar.succeeded() && ar.result() != null ? ar.result() : failed));
    }
    return j.done.future();
  }

  private void record(int index, T value) {
    List<T> decided = null;
    synchronized (this) {
      results[index] = value;
      pending--;
      if (!finished) {
        List<T> snapshot = snapshot();
        if (pending == 0 || enough.test(snapshot)) {
          finished = true;
          decided = snapshot;
        }
      }
    }
    // Completed outside the lock: the next layers start inside this call.
    if (decided != null) done.complete(decided);
  }

  private synchronized boolean finished() {
    return finished;
  }

  @SuppressWarnings("unchecked")
  private List<T> snapshot() {
    return new ArrayList<>((List<T>) Arrays.asList(results.clone()));
  }

  /** True when the candidates from index 0 on, as far as all are judged, hold {@code k} that pass {@code ok}. */
  static <T> boolean prefixHas(List<T> results, int k, Predicate<T> ok) {
    int count = 0;
    for (T r : results) {
      if (r == null) return false;
      if (ok.test(r) && ++count >= k) return true;
    }
    return false;
  }
}

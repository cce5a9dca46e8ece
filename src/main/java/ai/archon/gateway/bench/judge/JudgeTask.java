package ai.archon.gateway.bench.judge;

import ai.archon.gateway.model.Usage;
import io.vertx.core.Future;

/** One unit of judging that ends in one line of the judgment file (a question, or one turn of one). */
interface JudgeTask {

  /** The resume key, equal to the {@link JudgeFormat#keyOf key} of the line it writes. */
  String key();

  /** Asks the judge (one or more games) and builds the line. */
  Future<Judged> judge(JudgeClient client);

  /** The line written, what the judge's calls used, and how many of its verdicts are missing. */
  record Judged(String line, Usage usage, int calls, int missing) { }
}

package ai.archon.gateway.bench.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * What every built-in judging shares: its inputs and the tasks its constructor gathers, of which there must be one at
 * least (an answer file that matches nothing of the benchmark is a mistake, not an empty run).
 */
abstract class TaskFormat implements JudgeFormat {
  final JudgeInputs in;
  private final List<JudgeTask> tasks = new ArrayList<>();

  TaskFormat(JudgeInputs in) {
    this.in = in;
  }

  @Override
  public final List<JudgeTask> tasks() {
    return tasks;
  }

  void add(JudgeTask task) {
    tasks.add(task);
  }

  /** Fails with {@code noneMessage} when no task was added. */
  void requireTasks(String noneMessage) {
    if (tasks.isEmpty()) throw new IllegalArgumentException(noneMessage);
  }
}

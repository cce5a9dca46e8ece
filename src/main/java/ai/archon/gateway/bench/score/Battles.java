package ai.archon.gateway.bench.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arena-Hard battles in the official script's row order: one row per weighted game (a strong verdict is three rows),
 * model A always the baseline, B the judged model, and the outcome from A's side. Kept as parallel arrays because a
 * bootstrap round resamples every row.
 */
final class Battles {
  static final byte A_WINS = 0;
  static final byte B_WINS = 1;
  static final byte TIE = 2;

  private final Map<String, Integer> ids = new LinkedHashMap<>();
  private final List<int[]> rows = new ArrayList<>();

  /** Adds {@code weight} identical rows. */
  void add(String a, String b, byte outcome, int weight) {
    int ia = id(a);
    int ib = id(b);
    for (int k = 0; k < weight; k++) rows.add(new int[] {ia, ib, outcome});
  }

  int id(String model) {
    return ids.computeIfAbsent(model, k -> ids.size());
  }

  List<String> models() {
    return List.copyOf(ids.keySet());
  }

  int size() {
    return rows.size();
  }

  int a(int row) {
    return rows.get(row)[0];
  }

  int b(int row) {
    return rows.get(row)[1];
  }

  int outcome(int row) {
    return rows.get(row)[2];
  }
}

package ai.archon.gateway.scale;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Where spend counters live (this process, or Redis for every replica). A counter is named
 * {@code <kind>:<name>:<period>:<window>} (e.g. {@code key:team-a:day:2026-12-06}) and holds the settled spend, the
 * estimates held by requests in flight, and the settled spend per model.
 */
interface SpendStore {

  /** One budget to check: its counter, its limit in US dollars and how long the counter must live (0 = forever). */
  record Slot(String counter, double limit, long ttlSeconds) { }

  /**
   * The answer to a reservation: allowed, the index of the budget that refused (-1 if none), and per budget its
   * settled spend and held estimates (the estimate included when allowed).
   */
  record Admit(boolean allowed, int refused, double[] spent, double[] held) { }

  /** A counter as read: settled spend, estimates held, and settled spend by model. */
  record Standing(double spent, double held, Map<String, Double> byModel) {
    static final Standing EMPTY = new Standing(0, 0, Map.of());
  }

  /** Holds {@code estimate} on every budget if none is spent yet (spent + held below its limit); else takes nothing. */
  Future<Admit> reserve(List<Slot> budgets, double estimate);

  /** Releases {@code estimate} from {@code held} and adds {@code cost} (and to {@code model}'s part) to {@code records}. */
  Future<Void> settle(List<String> held, double estimate, double cost, String model, List<Slot> records);

  Future<Standing> read(String counter);
}

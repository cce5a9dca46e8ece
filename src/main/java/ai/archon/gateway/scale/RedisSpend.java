package ai.archon.gateway.scale;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spend counters in Redis, shared by every replica: a reservation and a settlement are each one atomic script call
 * ({@code spend_reserve.lua}, {@code spend_settle.lua}), so replicas together admit exactly as the budgets allow.
 * Every counter key carries the hash tag {@code {spend}}: a script's keys must share one Redis Cluster slot.
 */
final class RedisSpend implements SpendStore {
  private static final LuaScript RESERVE = LuaScript.load("/archon/spend_reserve.lua");
  private static final LuaScript SETTLE = LuaScript.load("/archon/spend_settle.lua");
  private final RedisState redis;

  RedisSpend(RedisState redis) {
    this.redis = redis;
  }

  @Override
  public Future<Admit> reserve(List<Slot> budgets, double estimate) {
    return RESERVE.run(redis, r -> {
      r.arg(budgets.size());
      budgets.forEach(b -> r.arg(key(b.counter())));
      r.arg(Double.toString(estimate));
      budgets.forEach(b -> r.arg(Double.toString(b.limit())));
      budgets.forEach(b -> r.arg(b.ttlSeconds()));
    }).map(res -> {
      int n = budgets.size();
      double[] spent = new double[n];
      double[] held = new double[n];
      for (int i = 0; i < n; i++) {
        spent[i] = Double.parseDouble(res.get(2 + 2 * i).toString());
        held[i] = Double.parseDouble(res.get(3 + 2 * i).toString());
      }
      return new Admit(res.get(0).toInteger() == 1, res.get(1).toInteger() - 1, spent, held);
    });
  }

  @Override
  public Future<Void> settle(List<String> held, double estimate, double cost, String model, List<Slot> records) {
    return SETTLE.run(redis, r -> {
      r.arg(held.size() + records.size());
      held.forEach(c -> r.arg(key(c)));
      records.forEach(s -> r.arg(key(s.counter())));
      r.arg(held.size()).arg(Double.toString(estimate)).arg(Double.toString(cost)).arg("m:" + model);
      records.forEach(s -> r.arg(s.ttlSeconds()));
    }).mapEmpty();
  }

  @Override
  public Future<Standing> read(String counter) {
    return redis.send(Request.cmd(Command.HGETALL).arg(key(counter))).map(RedisSpend::standing);
  }

  private static Standing standing(Response r) {
    double spent = 0;
    double held = 0;
    Map<String, Double> byModel = new HashMap<>();
    for (String field : r.getKeys()) {
      double v = Double.parseDouble(r.get(field).toString());
      if (field.equals("spent")) spent = v;
      else if (field.equals("held")) held = v;
      else if (field.startsWith("m:")) byModel.put(field.substring(2), v);
    }
    return new Standing(spent, held, byModel);
  }

  private String key(String counter) {
    return redis.key("{spend}:" + counter);
  }
}

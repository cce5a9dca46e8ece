package ai.archon.gateway.scale;

import ai.archon.gateway.config.Budget;
import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend counters in this process. With a file, the settled spend of the current periods survives a restart: a change
 * schedules one write a second later (debounced, off the event loop, to a temporary file then renamed over the old
 * one); estimates held by requests in flight are not kept (those requests die with the process).
 */
final class LocalSpend implements SpendStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSpend.class);
  static final long WRITE_DELAY_MS = 1000;
  private static final int PRUNE_ABOVE = 10_000;
  private final Vertx vertx;
  private final Path file;
  private final Map<String, Row> rows = new HashMap<>();
  private final Object writeLock = new Object();
  private boolean writeScheduled;
  /** The row count above which a settlement prunes; see {@link #settle}. */
  private int pruneAbove = PRUNE_ABOVE;
  private int prunes;

  private static final class Row {
    double spent;
    double held;
    final Map<String, Double> byModel = new TreeMap<>();
  }

  /** @param file where to keep the counters, or null to keep them in memory only */
  LocalSpend(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  /** Reads the file (at start, off the event loop); a missing file is an empty ledger, a broken one is logged. */
  Future<Void> load() {
    if (file == null || vertx == null) return Future.succeededFuture();
    return vertx.executeBlocking(() -> Files.isRegularFile(file) ? JsonIo.MAPPER.readTree(file.toFile()) : null)
        .map(tree -> {
          if (tree != null) restore(tree);
          return (Void) null;
        })
        .recover(t -> {
          LOG.warn("spend file {} could not be read ({}); spend counters start at zero", file, t.getMessage());
          return Future.succeededFuture();
        });
  }

  private synchronized void restore(JsonNode tree) {
    Instant now = Instant.now();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("counters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!current(e.getKey(), now)) continue;
      Row r = rows.computeIfAbsent(e.getKey(), k -> new Row());
      r.spent = e.getValue().path("spent").asDouble();
      e.getValue().path("models").fields().forEachRemaining(m -> r.byModel.put(m.getKey(), m.getValue().asDouble()));
    }
  }

  @Override
  public synchronized Future<Admit> reserve(List<Slot> budgets, double estimate) {
    int n = budgets.size();
    double[] spent = new double[n];
    double[] held = new double[n];
    int refused = -1;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(budgets.get(i).counter());
      spent[i] = r == null ? 0 : r.spent;
      held[i] = r == null ? 0 : r.held;
      if (refused < 0 && spent[i] + held[i] >= budgets.get(i).limit()) refused = i;
    }
    if (refused < 0) {
      for (int i = 0; i < n; i++) {
        Row r = rows.computeIfAbsent(budgets.get(i).counter(), k -> new Row());
        r.held += estimate;
        held[i] = r.held;
      }
    }
    return Future.succeededFuture(new Admit(refused < 0, refused, spent, held));
  }

  @Override
  public Future<Void> settle(List<String> held, double estimate, double cost, String model, List<Slot> records) {
    synchronized (this) {
      for (String counter : held) {
        Row r = rows.get(counter);
        if (r != null) r.held = r.held - estimate < 1e-12 ? 0 : r.held - estimate;
      }
      Double boxed = cost; // once, not per record (eight per request)
      for (Slot s : records) {
        Row r = rows.computeIfAbsent(s.counter(), k -> new Row());
        r.spent += cost;
        if (cost == 0) r.byModel.putIfAbsent(model, boxed); // adding nothing boxes no new sum
        else r.byModel.merge(model, boxed, Double::sum);
      }
      // Past periods are never read again: drop them now and then, so a long-running process does not grow. The
      // next prune waits until the rows that stayed (all of current periods) have doubled: with a fixed threshold,
      // 5,000 client-chosen model names (20,000 current rows) made every settlement scan them all under this lock,
      // 4-13 ms of event-loop time per request, and /health waited behind it for up to seconds.
      if (rows.size() > pruneAbove) {
        prune(Instant.now());
        pruneAbove = Math.max(PRUNE_ABOVE, 2 * rows.size());
      }
    }
    scheduleWrite();
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Standing> read(String counter) {
    Row r = rows.get(counter);
    return Future.succeededFuture(r == null ? Standing.EMPTY : new Standing(r.spent, r.held, Map.copyOf(r.byModel)));
  }

  /** Writes now (at shutdown), if anything changed since the last write. */
  Future<Void> flush() {
    if (file == null || vertx == null) return Future.succeededFuture();
    String json = snapshot();
    return vertx.executeBlocking(() -> {
      write(json);
      return null;
    });
  }

  private void scheduleWrite() {
    if (file == null || vertx == null) return;
    synchronized (this) {
      if (writeScheduled) return;
      writeScheduled = true;
    }
    vertx.setTimer(WRITE_DELAY_MS, id -> {
      synchronized (this) {
        writeScheduled = false;
      }
      String json = snapshot();
      vertx.executeBlocking(() -> {
        write(json);
        return null;
      }).onFailure(t -> LOG.warn("spend file {} could not be written: {}", file, t.getMessage()));
    });
  }

  /** The counters of the current periods as JSON (older periods are dropped here: nothing reads them again). */
  private synchronized String snapshot() {
    Instant now = Instant.now();
    prune(now);
    ObjectNode root = JsonIo.MAPPER.createObjectNode();
    root.put("updated", now.toString());
    ObjectNode counters = root.putObject("counters");
    rows.forEach((id, r) -> {
      ObjectNode n = counters.putObject(id);
      n.put("spent", r.spent);
      ObjectNode models = n.putObject("models");
      r.byModel.forEach(models::put);
    });
    return root.toString();
  }

  private synchronized void prune(Instant now) {
    prunes++;
    rows.entrySet().removeIf(e -> !current(e.getKey(), now) && e.getValue().held == 0);
  }

  /** How many times the rows were scanned for past periods (a test's view of the settlement's cost). */
  synchronized int prunes() {
    return prunes;
  }

  /** Off the event loop; its own lock, so the counters are never locked during file I/O. */
  private void write(String json) throws IOException {
    synchronized (writeLock) {
      writeFile(json);
    }
  }

  private void writeFile(String json) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, json);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** True when the counter {@code <kind>:<name>:<period>:<window>} is of the period {@code now} falls in. */
  static boolean current(String counter, Instant now) {
    int w = counter.lastIndexOf(':');
    int p = counter.lastIndexOf(':', w - 1);
    if (w < 0 || p < 0) return false;
    Budget.Period period = Budget.Period.of(counter.substring(p + 1, w));
    return period != null && period.window(now).equals(counter.substring(w + 1));
  }
}

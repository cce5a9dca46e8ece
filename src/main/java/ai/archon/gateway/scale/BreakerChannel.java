package ai.archon.gateway.scale;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circuit-breaker transitions shared by replicas ({@code circuit_breaker.shared: true}): a replica whose breaker
 * opens or closes publishes it on the Redis channel {@code <key_prefix>breakers}, and every other replica applies
 * the same transition to its own breaker, so they open together. Best effort: while Redis is down each replica's
 * breaker simply works alone.
 */
public final class BreakerChannel {
  private static final Logger LOG = LoggerFactory.getLogger(BreakerChannel.class);
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)
  private static final long RESUBSCRIBE_MS = 500;

  private final Vertx vertx;
  private final RedisState redis;
  private final String channel;
  private final String replica = UUID.randomUUID().toString();
  private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
  private volatile RedisConnection subscription;
  private boolean subscribing;

  public BreakerChannel(Vertx vertx, RedisState redis) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = redis.key("breakers");
    redis.onUp(v -> subscribe());
  }

  /** Receives {@code (breaker name, state)} for every transition another replica published. */
  public void listen(BiConsumer<String, String> listener) {
    listeners.add(listener);
  }

  /** Tells the other replicas that {@code breaker} went to {@code state} (OPEN, CLOSED, ...). */
  public Future<Void> publish(String breaker, String state) {
    ObjectNode msg = MAPPER.createObjectNode().put("replica", replica).put("breaker", breaker).put("state", state);
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(msg.toString())).<Void>mapEmpty()
        .onFailure(t -> LOG.debug("breaker transition of {} not shared: {}", breaker, t.getMessage()));
  }

  /** True while this replica receives the other replicas' transitions. */
  public boolean subscribed() {
    return subscription != null;
  }

  private synchronized void subscribe() {
    if (subscription != null || subscribing) return;
    subscribing = true;
    redis.dedicatedConnection()
        .compose(c -> {
          c.handler(this::onMessage);
          c.endHandler(v -> lost(c));
          c.exceptionHandler(t -> lost(c));
          return c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(c);
        })
        .onComplete(ar -> {
          synchronized (this) {
            subscribing = false;
            if (ar.succeeded()) subscription = ar.result();
          }
          if (ar.failed()) retryLater();
        });
  }

  private void lost(RedisConnection c) {
    synchronized (this) {
      if (subscription != c) return;
      subscription = null;
    }
    c.close();
    retryLater();
  }

  private void retryLater() {
    vertx.setTimer(RESUBSCRIBE_MS, id -> {
      if (redis.up()) subscribe();
    });
  }

  private void onMessage(Response r) {
    // RESP2 pub/sub frames: ["message", channel, payload]; subscribe confirmations are ["subscribe", channel, n].
    if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) return;
    try {
      JsonNode msg = MAPPER.readTree(r.get(2).toString());
      if (replica.equals(msg.path("replica").asText())) return;
      String breaker = msg.path("breaker").asText();
      String state = msg.path("state").asText();
      listeners.forEach(l -> l.accept(breaker, state));
    } catch (Exception e) {
      LOG.debug("ignoring a malformed breaker message on {}", channel);
    }
  }
}

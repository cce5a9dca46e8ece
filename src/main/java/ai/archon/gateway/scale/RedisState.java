package ai.archon.gateway.scale;

import ai.archon.gateway.config.RedisSettings;
import ai.archon.gateway.observe.GatewayEvents;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one connection to Redis: connects at start, answers {@link #up()} without I/O, fails commands at
 * once while the connection is down, bounds every command by a short timeout (a request never waits on Redis longer
 * than that), and reconnects on its own with exponential backoff. State changes are logged once and reported to
 * {@link GatewayEvents#sharedStoreState}.
 */
public final class RedisState {
  /** A Redis on the same network answers in well under a millisecond; 500 ms means it is sick, not busy. */
  static final long COMMAND_TIMEOUT_MS = 500;
  /**
   * Generous: the first connect of a JVM loads the client (over a second on a cold machine), and requests never wait
   * for a connect anyway (commands fail at once while down).
   */
  private static final long CONNECT_TIMEOUT_MS = 5000;
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2000;
  private static final Logger LOG = LoggerFactory.getLogger(RedisState.class);

  private final Vertx vertx;
  private final RedisSettings settings;
  private final GatewayEvents events;
  private final Redis client;
  private final List<Handler<Void>> upListeners = new CopyOnWriteArrayList<>();
  private volatile RedisConnection connection;
  private volatile String state = "connecting";
  private volatile String lastError = "";
  private volatile boolean closed;
  private long backoffMs = MIN_BACKOFF_MS;

  public RedisState(Vertx vertx, RedisSettings settings, GatewayEvents events) {
    this.vertx = vertx;
    this.settings = settings;
    this.events = events;
    this.client = Redis.createClient(vertx, options(settings.url()));
  }

  /** Options for the gateway's connections: short connect timeout, RESP2 (no HELLO round trip), no pooling tricks. */
  static RedisOptions options(String url) {
    return new RedisOptions().setConnectionString(url).setProtocolNegotiation(false)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT_MS).setTcpNoDelay(true));
  }

  /** First connection attempt; completes either way (a gateway starts without Redis and connects later). */
  public Future<Void> start() {
    return connect().otherwiseEmpty().mapEmpty();
  }

  public boolean up() { return connection != null; }

  /** "up", "down" or "connecting", for {@code /ready}. */
  public String state() { return state; }

  /** Why the last connection failed, without credentials (empty when it never failed). */
  public String lastError() { return lastError; }

  public RedisSettings settings() { return settings; }

  /** The full Redis key for a gateway key: the configured prefix, then {@code suffix}. */
  public String key(String suffix) {
    return settings.keyPrefix() + suffix;
  }

  /** Runs {@code listener} on every transition to up (shared limits resume, subscriptions are renewed). */
  public void onUp(Handler<Void> listener) {
    upListeners.add(listener);
  }

  /** A new dedicated connection (pub/sub needs its own), with the same options. */
  public Future<RedisConnection> dedicatedConnection() {
    return client.connect().timeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Sends one command; fails at once when down and after {@link #COMMAND_TIMEOUT_MS} when Redis is slow. */
  public Future<Response> send(Request request) {
    RedisConnection c = connection;
    if (c == null) return Future.failedFuture(new SharedStoreUnavailableException("Redis is " + state));
    return c.send(request).timeout(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS).onFailure(t -> {
      // A timeout means the connection is stuck (Redis paused or the network dropped it): drop it and reconnect,
      // so later requests fail fast instead of each waiting for its own timeout.
      if (t instanceof TimeoutException) lost(c, "command timed out after " + COMMAND_TIMEOUT_MS + " ms");
    });
  }

  public Future<Void> close() {
    closed = true;
    RedisConnection c = connection;
    connection = null;
    return (c == null ? Future.<Void>succeededFuture() : c.close().otherwiseEmpty()).eventually(client::close);
  }

  private Future<RedisConnection> connect() {
    if (closed) return Future.failedFuture("closed");
    return client.connect()
        .timeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(c -> c.send(Request.cmd(Command.PING)).timeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .map(pong -> c)
            .onFailure(t -> c.close()))
        .onSuccess(this::connected)
        .onFailure(t -> {
          markDown(describe(t));
          scheduleReconnect();
        });
  }

  private void connected(RedisConnection c) {
    if (closed) {
      c.close();
      return;
    }
    c.exceptionHandler(t -> lost(c, describe(t)));
    c.endHandler(v -> lost(c, "connection closed"));
    connection = c;
    backoffMs = MIN_BACKOFF_MS;
    String before = state;
    state = "up";
    if (!"up".equals(before)) {
      LOG.info("Redis at {} is up: rate limits and the cache are shared by every replica", redacted());
      events.sharedStoreState("up");
    }
    upListeners.forEach(l -> l.handle(null));
  }

  private void lost(RedisConnection c, String why) {
    synchronized (this) {
      if (connection != c) return; // already replaced or already lost
      connection = null;
    }
    c.close();
    markDown(why);
    scheduleReconnect();
  }

  private void markDown(String why) {
    lastError = why;
    String before = state;
    state = "down";
    if (!"down".equals(before)) {
      LOG.warn("Redis at {} is unreachable ({}): {}; reconnecting with backoff", redacted(), why,
          settings.rejectWhenDown() ? "rate-limited requests are answered with 503"
              : "each replica falls back to its share of every limit (limit / redis.replicas_hint = "
                  + settings.replicasHint() + ")");
      events.sharedStoreState("down");
    }
  }

  private void scheduleReconnect() {
    if (closed) return;
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    vertx.setTimer(delay, id -> {
      if (connection == null && !closed) connect();
    });
  }

  /** The URL without its password, for logs. */
  private String redacted() {
    return settings.url().replaceAll("//[^@/]*@", "//***@");
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("//[^@/]*@", "//***@"));
  }
}

package ai.archon.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One provider's HTTP/1.1 calls spread round-robin over a few clients, each with its own connection pool. Vert.x 5's
 * pool picks a connection by scanning every connection of the origin (for the most recently used free one), so with
 * an ensemble's 1,000+ calls in flight each call paid a scan of 1,000+ connections; over four pools it scans a
 * quarter of them.
 *
 * <p>Only as many pools take calls as the calls in flight need, one per {@link #CALLS_PER_POOL} ({@link HttpCalls}
 * reports each call's start and end): a few calls at a time all go to the first pool. Spread over sixteen pools, 16
 * pass-through calls in flight cost 10-15 % more CPU per request than in one pool (docs/performance.md, "Round 15"):
 * each call took another pool's connection, colder in the caches than the one the call before used.
 *
 * <p>Pools are taken into use at once, as the calls in flight grow, but left out again only once the calls in flight
 * have needed half of them or fewer for {@link #SHRINK_AFTER_NANOS}: an ensemble's calls come in waves (a layer's
 * thousand calls, then its fuser's hundred), and shrinking at each dip moved the next wave's calls onto fewer pools,
 * which opened connections of their own while the left-out pools' sat idle (round 15 tried that: more descriptors
 * after each saturation step).
 * The pools in use are a hint read and written without a lock: a race between event loops costs one call's spread.
 */
final class StripedClient implements HttpClientAgent {
  /** Calls in flight per pool in use before the next pool takes calls too. */
  static final int CALLS_PER_POOL = 32;
  /** How long the calls in flight must stay at half the pools in use or fewer before the rest are left out. */
  static final long SHRINK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final List<HttpClientAgent> stripes;
  private final LongSupplier nanoTime;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int inUse = 1;
  /** When the calls in flight last needed more than half the pools in use; set whenever more than one is in use. */
  private volatile long lastBusy;

  StripedClient(List<HttpClientAgent> stripes) {
    this(stripes, System::nanoTime);
  }

  /** With {@code nanoTime} as the clock (tests). */
  StripedClient(List<HttpClientAgent> stripes, LongSupplier nanoTime) {
    this.stripes = List.copyOf(stripes);
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<HttpClientRequest> request(RequestOptions options) {
    return next().request(options);
  }

  @Override
  public Future<HttpClientConnection> connect(HttpConnectOptions options) {
    return next().connect(options);
  }

  /** A call is starting: counted before its request is made, so that it counts towards its own pool's choice. */
  void started() {
    inFlight.incrementAndGet();
  }

  /** A call {@link #started()} has ended (answered, failed or cancelled). */
  void ended() {
    inFlight.decrementAndGet();
  }

  /** The pools taking calls now. */
  int inUse() {
    return inUse;
  }

  /** The calls {@link #started()} and not yet {@link #ended()}. */
  int inFlight() {
    return inFlight.get();
  }

  private HttpClientAgent next() {
    int using = inUse;
    int need = Math.min(stripes.size(), 1 + Math.max(0, inFlight.get() - 1) / CALLS_PER_POOL);
    if (need > using) {
      inUse = using = need;
      lastBusy = nanoTime.getAsLong();
    } else if (using > 1) {
      long now = nanoTime.getAsLong();
      if (2 * need > using) {
        lastBusy = now;
      } else if (now - lastBusy > SHRINK_AFTER_NANOS) {
        inUse = using = need;
        lastBusy = now;
      }
    }
    return stripes.get(Math.floorMod(next.getAndIncrement(), using));
  }

  @Override
  public Future<Boolean> updateSSLOptions(ClientSSLOptions options, boolean force) {
    return Future.all(stripes.stream().map(s -> s.updateSSLOptions(options, force)).toList())
        .map(all -> all.<Boolean>list().stream().allMatch(Boolean.TRUE::equals));
  }

  @Override
  public Future<Void> shutdown(long timeout, TimeUnit unit) {
    return Future.all(stripes.stream().map(s -> s.shutdown(timeout, unit)).toList()).mapEmpty();
  }
}

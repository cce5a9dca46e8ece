package ai.archon.gateway.server;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Request ids: the client's {@code x-request-id} when it is a sane token, else a new unique one. */
final class RequestIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
  private static final AtomicLong COUNTER = new AtomicLong();

  private RequestIds() { }

  static String of(RoutingContext ctx) {
    String given = ctx.request().getHeader("x-request-id");
    if (given != null && SAFE.matcher(given).matches()) return given;
    return PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
  }
}

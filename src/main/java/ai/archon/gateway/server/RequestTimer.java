package ai.archon.gateway.server;

import ai.archon.gateway.observe.AccessRecord;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.Spans;
import ai.archon.gateway.observe.Tracing;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import io.opentelemetry.context.Context;
import io.vertx.ext.web.RoutingContext;

/**
 * Times one chat request and reports it once when the response ends (or the client goes away): request metrics,
 * the access log line and, traced, its server span. Made by the chat handler and carried by its
 * {@link ChatExchange}, so the responders can mark the first token and the outcome. Used from the request's event
 * loop only.
 */
final class RequestTimer {
  /** Status logged when the client disconnected before the response ended (as nginx does). */
  static final int CLIENT_CLOSED = 499;

  private final RoutingContext ctx;
  private final Inbound inbound;
  private final GatewayEvents events;
  private final long start = System.nanoTime();
  /** The server span's context (its parent from the client's traceparent), or null when tracing is off. */
  private Context trace;
  private long firstToken = -1;
  private String model;
  private boolean stream;
  private CallContext call;
  private RunContext run;
  private int upstreamCalls;
  private Usage usage = Usage.ZERO;
  private boolean finished;

  private RequestTimer(RoutingContext ctx, Inbound inbound, GatewayEvents events) {
    this.ctx = ctx;
    this.inbound = inbound;
    this.events = events;
  }

  /** Starts timing; reports when the response ends. */
  static RequestTimer start(RoutingContext ctx, Inbound inbound, GatewayEvents events) {
    RequestTimer t = new RequestTimer(ctx, inbound, events);
    events.requestStarted(null, false);
    Tracing tracing = events.tracing();
    if (tracing.on()) {
      String route = ctx.currentRoute() != null && ctx.currentRoute().getPath() != null ? ctx.currentRoute().getPath()
          : ctx.request().path();
      t.trace = tracing.request(ctx.request().headers(), ctx.request().method().name(), route, inbound.requestId());
    }
    // Vert.x Web calls end handlers once, on response end or on connection close, whichever it sees first: a client
    // that closes right after the last byte can win that race, so "ended" is read from the response itself.
    ctx.addEndHandler(ar -> t.finish(ctx.response().ended() ? ctx.response().getStatusCode() : CLIENT_CLOSED));
    return t;
  }

  /** The trace context of the request's server span, for its calls' spans; null when not traced. */
  Context trace() { return trace; }

  void resolved(String model, boolean stream, CallContext call) {
    this.model = model;
    this.stream = stream;
    this.call = call;
  }

  void pipeline(RunContext run) {
    this.run = run;
  }

  /** The first content token went to the client (idempotent). */
  void firstToken() {
    if (firstToken < 0) firstToken = System.nanoTime();
  }

  /** A pass-through call ended: one upstream call and its usage. */
  void upstream(Usage u) {
    upstreamCalls = 1;
    if (u != null) usage = u;
  }

  /** The configured name of the inbound key that authenticated the request (never the key), or null. */
  private String keyName() {
    ClientKeys.ClientKey key = inbound.clientKey();
    return key == null ? null : key.name();
  }

  private void finish(int status) {
    if (finished) return;
    finished = true;
    long now = System.nanoTime();
    long ttft = stream && firstToken >= 0 ? firstToken - start : -1;
    events.requestFinished(model, stream, status, now - start, ttft);
    boolean degraded = false;
    if (run != null) {
      upstreamCalls = run.upstreamCalls();
      usage = run.usage();
      degraded = run.degraded();
    }
    // The resilience layer counts every HTTP attempt (retries included) on the call context.
    if (call != null) upstreamCalls = Math.max(upstreamCalls, call.attempts());
    AccessRecord record = new AccessRecord(new AccessRecord.Request(inbound.requestId(), keyName(), model, stream),
        new AccessRecord.Outcome(status, (now - start) / 1_000_000, ttft < 0 ? -1 : ttft / 1_000_000, degraded),
        new AccessRecord.Counts(upstreamCalls, call == null ? 0 : call.retries(), usage.promptTokens(),
            usage.completionTokens()));
    events.requestCompleted(record);
    Spans.endRequest(trace, record);
  }
}

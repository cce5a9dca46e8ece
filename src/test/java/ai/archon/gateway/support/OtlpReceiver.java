package ai.archon.gateway.support;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An in-process OTLP/HTTP trace receiver, as a collector would be: {@code POST /v1/traces} on 127.0.0.1 with a
 * protobuf {@code ExportTraceServiceRequest}, decoded with the protocol's own classes into {@link Received} spans.
 * Point {@code OTEL_EXPORTER_OTLP_ENDPOINT} at {@link #endpoint()}.
 */
public final class OtlpReceiver {
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> services = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** One exported span: ids in hex, attributes as Java values (String, Long, Double, Boolean, List). */
  public record Received(String traceId, String spanId, String parentId, String name, String kind,
      Map<String, Object> attributes, List<String> events, String status, long startNanos) {

    public Object attr(String key) { return attributes.get(key); }

    public boolean isRoot() { return parentId.isEmpty(); }
  }

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts on an OS-chosen loopback port (blocking: call it from the test thread). */
  public static OtlpReceiver start(Vertx vertx) {
    OtlpReceiver[] self = new OtlpReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      if (!req.path().equals("/v1/traces")) {
        req.response().setStatusCode(404).end();
        return;
      }
      req.body().onSuccess(body -> {
        try {
          self[0].take(ExportTraceServiceRequest.parseFrom(body.getBytes()));
          req.response().putHeader("content-type", "application/x-protobuf")
              .end(io.vertx.core.buffer.Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        } catch (Exception e) {
          req.response().setStatusCode(400).end(String.valueOf(e));
        }
      });
    });
    self[0] = new OtlpReceiver(server);
    server.listen(0, "127.0.0.1").await();
    return self[0];
  }

  public String endpoint() { return "http://127.0.0.1:" + server.actualPort(); }

  private void take(ExportTraceServiceRequest request) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (KeyValue kv : rs.getResource().getAttributesList()) {
        if (kv.getKey().equals("service.name")) services.add(kv.getValue().getStringValue());
      }
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
          Map<String, Object> attrs = new LinkedHashMap<>();
          s.getAttributesList().forEach(kv -> attrs.put(kv.getKey(), value(kv.getValue())));
          List<String> events = new ArrayList<>();
          for (var e : s.getEventsList()) {
            events.add(e.getName() + e.getAttributesList().stream()
                .map(kv -> kv.getKey() + "=" + value(kv.getValue())).collect(Collectors.joining(", ", " {", "}")));
          }
          spans.add(new Received(hex.formatHex(s.getTraceId().toByteArray()), hex.formatHex(s.getSpanId().toByteArray()),
              hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(),
              s.getKind().name().replace("SPAN_KIND_", ""), attrs, events,
              s.getStatus().getCode().name().replace("STATUS_CODE_", ""), s.getStartTimeUnixNano()));
        }
      }
    }
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE: return v.getStringValue();
      case INT_VALUE: return v.getIntValue();
      case DOUBLE_VALUE: return v.getDoubleValue();
      case BOOL_VALUE: return v.getBoolValue();
      case ARRAY_VALUE: return v.getArrayValue().getValuesList().stream().map(OtlpReceiver::value).toList();
      default: return v.toString();
    }
  }

  /** Every span received so far. */
  public List<Received> spans() { return List.copyOf(spans); }

  /** The service.name of every export received. */
  public List<String> services() { return List.copyOf(services); }

  /** Waits (polling, up to 30 s: a loaded machine exports slowly) until {@code count} spans arrived; returns them. */
  public List<Received> awaitSpans(int count) {
    long until = System.nanoTime() + 30_000_000_000L;
    while (spans.size() < count && System.nanoTime() < until) {
      try {
        Thread.sleep(20); // the test thread, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return spans();
  }

  /** The children of {@code parent}, in start order. */
  public List<Received> children(Received parent) {
    return spans.stream().filter(s -> s.parentId().equals(parent.spanId()))
        .sorted(Comparator.comparingLong(Received::startNanos).thenComparing(Received::name)).toList();
  }

  /** The spans named {@code name}. */
  public List<Received> named(String name) {
    return spans.stream().filter(s -> s.name().equals(name)).toList();
  }

  /**
   * The tree under {@code root} as indented text: each span's name, kind, the given attributes when present, its
   * status when not unset, and its events.
   */
  public String tree(Received root, List<String> keys) {
    StringBuilder out = new StringBuilder();
    render(root, 0, keys, out);
    return out.toString();
  }

  private void render(Received s, int depth, List<String> keys, StringBuilder out) {
    out.append("  ".repeat(depth)).append(s.name()).append(" [").append(s.kind()).append(']');
    for (String k : keys) {
      if (s.attributes().containsKey(k)) out.append(' ').append(k).append('=').append(s.attr(k));
    }
    if (!s.status().equals("UNSET")) out.append(" status=").append(s.status());
    out.append('\n');
    for (String e : s.events()) out.append("  ".repeat(depth + 1)).append("event ").append(e).append('\n');
    for (Received c : children(s)) render(c, depth + 1, keys, out);
  }
}

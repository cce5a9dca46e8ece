package ai.archon.gateway.observe;

import ai.archon.gateway.model.JsonIo;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The gateway's log line format: one JSON object per line (default; {@code ts}, {@code level}, {@code logger},
 * {@code message}, every SLF4J key-value pair as a top-level field, {@code error} with the stack trace), or with
 * {@code ARCHON_LOG_FORMAT=text} a human line ending in {@code key=value} pairs.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final ThrowableProxyConverter stack = new ThrowableProxyConverter();
  private boolean json = !"text".equalsIgnoreCase(System.getenv("ARCHON_LOG_FORMAT"));

  /** {@code json} or {@code text}; set by {@link LogSetup} (or a logback.xml), else from {@code ARCHON_LOG_FORMAT}. */
  public void setFormat(String format) {
    if (format != null && !format.isBlank()) json = !"text".equalsIgnoreCase(format.trim());
  }

  @Override
  public void start() {
    stack.start();
    super.start();
  }

  @Override
  public String doLayout(ILoggingEvent e) {
    return json ? json(e) : text(e);
  }

  private String text(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(128);
    b.append(LocalTime.ofInstant(Instant.ofEpochMilli(e.getTimeStamp()), ZoneId.systemDefault()).format(TIME))
        .append(' ').append(String.format("%-5s", e.getLevel())).append(' ').append(shortName(e.getLoggerName()))
        .append(" - ").append(e.getFormattedMessage());
    if (e.getKeyValuePairs() != null) {
      for (KeyValuePair kv : e.getKeyValuePairs()) b.append(' ').append(kv.key).append('=').append(kv.value);
    }
    b.append(System.lineSeparator());
    if (e.getThrowableProxy() != null) b.append(stack.convert(e));
    return b.toString();
  }

  private String json(ILoggingEvent e) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
      g.writeStringField("level", e.getLevel().toString());
      g.writeStringField("logger", e.getLoggerName());
      g.writeStringField("thread", e.getThreadName());
      g.writeStringField("message", e.getFormattedMessage());
      if (e.getKeyValuePairs() != null) {
        for (KeyValuePair kv : e.getKeyValuePairs()) {
          g.writeFieldName(kv.key);
          value(g, kv.value);
        }
      }
      Map<String, String> mdc = e.getMDCPropertyMap();
      if (mdc != null) {
        for (Map.Entry<String, String> m : mdc.entrySet()) g.writeStringField(m.getKey(), m.getValue());
      }
      if (e.getThrowableProxy() != null) g.writeStringField("error", stack.convert(e));
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.append(System.lineSeparator()).toString();
  }

  /** The access log's value types written directly; anything else through Jackson's databind, which costs more. */
  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) g.writeNull();
    else if (v instanceof String) g.writeString((String) v);
    else if (v instanceof Integer || v instanceof Long) g.writeNumber(((Number) v).longValue());
    else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
    else if (v instanceof Double || v instanceof Float) g.writeNumber(((Number) v).doubleValue());
    else MAPPER.writeValue(g, v);
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}

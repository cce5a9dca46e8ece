package ai.archon.gateway.provider.bedrock;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes event-stream messages (string headers only) as Bedrock sends them, for tests. */
public final class EventStreamFrames {
  private EventStreamFrames() { }

  public static Buffer message(Map<String, String> headers, String payload) {
    Buffer h = Buffer.buffer();
    headers.forEach((name, value) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      h.appendByte((byte) n.length).appendBytes(n).appendByte((byte) 7).appendShort((short) v.length).appendBytes(v);
    });
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    int total = 12 + h.length() + p.length + 4;
    Buffer out = Buffer.buffer().appendInt(total).appendInt(h.length());
    out.appendUnsignedInt(crc(out.getBytes()));
    out.appendBuffer(h).appendBytes(p);
    out.appendUnsignedInt(crc(out.getBytes()));
    return out;
  }

  /** A ConverseStream event ({@code :message-type event}). */
  public static Buffer event(String type, String json) {
    return message(new java.util.LinkedHashMap<>(Map.of(":event-type", type, ":content-type", "application/json",
        ":message-type", "event")), json);
  }

  private static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }
}

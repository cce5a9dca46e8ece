package ai.archon.gateway.provider.bedrock;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Incremental decoder of the {@code application/vnd.amazon.eventstream} framing (Bedrock ConverseStream). Each message:
 * a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the headers, the payload and a CRC32 of
 * everything before it, all big-endian. A header is a 1-byte name length, the name, a 1-byte value type and the value.
 * Chunks may split messages anywhere; a bad CRC or length throws {@link IllegalStateException}.
 * See https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream.
 */
public final class EventStreamDecoder {
  /** Messages over this size are refused: Bedrock's are a few KB; the limit keeps a corrupt length from buffering. */
  static final int MAX_MESSAGE = 16 * 1024 * 1024;
  private static final int PRELUDE = 12;

  /** One decoded message: its headers (string values as strings, others as Java values) and payload bytes. */
  public record Message(Map<String, Object> headers, byte[] payload) {
    public String header(String name) {
      Object v = headers.get(name);
      return v == null ? null : v.toString();
    }

    public String payloadText() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Consumer<Message> sink;
  private Buffer pending = Buffer.buffer();

  public EventStreamDecoder(Consumer<Message> sink) {
    this.sink = sink;
  }

  /** Feeds bytes; emits every complete message they finish. */
  public void handle(Buffer chunk) {
    pending.appendBuffer(chunk);
    int pos = 0;
    while (pending.length() - pos >= PRELUDE) {
      int total = pending.getInt(pos);
      int headersLength = pending.getInt(pos + 4);
      long preludeCrc = pending.getUnsignedInt(pos + 8);
      if (crc(pending, pos, 8) != preludeCrc) throw new IllegalStateException("event stream prelude CRC mismatch");
      if (total < PRELUDE + 4 || total > MAX_MESSAGE || headersLength < 0 || headersLength > total - PRELUDE - 4) {
        throw new IllegalStateException("event stream message length " + total + " invalid");
      }
      if (pending.length() - pos < total) break;
      long messageCrc = pending.getUnsignedInt(pos + total - 4);
      if (crc(pending, pos, total - 4) != messageCrc) throw new IllegalStateException("event stream message CRC mismatch");
      Map<String, Object> headers = headers(pending, pos + PRELUDE, headersLength);
      int payloadStart = pos + PRELUDE + headersLength;
      byte[] payload = pending.getBytes(payloadStart, pos + total - 4);
      pos += total;
      sink.accept(new Message(headers, payload));
    }
    pending = pos == pending.length() ? Buffer.buffer() : pending.getBuffer(pos, pending.length());
  }

  /** The body ended: a partial message left over means the stream was cut. */
  public void end() {
    if (pending.length() > 0) throw new IllegalStateException("event stream ended inside a message");
  }

  static long crc(Buffer b, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(b.getBytes(from, from + length));
    return crc.getValue();
  }

  private static Map<String, Object> headers(Buffer b, int from, int length) {
    Map<String, Object> out = new LinkedHashMap<>();
    int pos = from;
    int end = from + length;
    while (pos < end) {
      int nameLength = b.getUnsignedByte(pos++);
      String name = b.getString(pos, pos + nameLength, "UTF-8");
      pos += nameLength;
      int type = b.getUnsignedByte(pos++);
      Object value;
      switch (type) {
        case 0: value = Boolean.TRUE; break;
        case 1: value = Boolean.FALSE; break;
        case 2: value = b.getByte(pos); pos += 1; break;
        case 3: value = b.getShort(pos); pos += 2; break;
        case 4: value = b.getInt(pos); pos += 4; break;
        case 5: case 8: value = b.getLong(pos); pos += 8; break;
        case 6: case 7: {
          int len = b.getUnsignedShort(pos);
          pos += 2;
          value = type == 7 ? b.getString(pos, pos + len, "UTF-8") : b.getBytes(pos, pos + len);
          pos += len;
          break;
        }
        case 9: value = b.getBytes(pos, pos + 16); pos += 16; break;
        default: throw new IllegalStateException("event stream header " + name + " has unknown type " + type);
      }
      if (pos > end) throw new IllegalStateException("event stream headers overrun");
      out.put(name, value);
    }
    return out;
  }
}

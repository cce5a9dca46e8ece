package ai.archon.gateway.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream framing on frames written as Bedrock writes them: any split, every header type, corrupt input. */
class EventStreamDecoderTest {
  private static List<EventStreamDecoder.Message> decode(Buffer... chunks) {
    List<EventStreamDecoder.Message> out = new ArrayList<>();
    EventStreamDecoder d = new EventStreamDecoder(out::add);
    for (Buffer c : chunks) d.handle(c);
    d.end();
    return out;
  }

  @Test
  void aConverseStreamDeltaFrameDecodes() {
    Buffer frame = EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
    // Prelude: total length 148 = 12 + 87 header bytes + 45 payload bytes + 4, headers length 87.
    assertEquals("0000009400000057", HexFormat.of().formatHex(frame.getBytes(0, 8)));
    EventStreamDecoder.Message m = decode(frame).get(0);
    assertEquals("contentBlockDelta", m.header(":event-type"));
    assertEquals("event", m.header(":message-type"));
    assertEquals("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}", m.payloadText());
  }

  @Test
  void messagesSplitAtEveryByteDecodeTheSame() {
    Buffer all = Buffer.buffer().appendBuffer(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"))
        .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"delta\":{\"text\":\"héllo\"}}"))
        .appendBuffer(EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"));
    List<EventStreamDecoder.Message> whole = decode(all);
    assertEquals(3, whole.size());
    for (int cut = 1; cut < all.length(); cut += 7) {
      List<EventStreamDecoder.Message> split = decode(all.getBuffer(0, cut), all.getBuffer(cut, all.length()));
      assertEquals(3, split.size());
      for (int i = 0; i < 3; i++) assertArrayEquals(whole.get(i).payload(), split.get(i).payload());
    }
    List<EventStreamDecoder.Message> bytes = new ArrayList<>();
    EventStreamDecoder d = new EventStreamDecoder(bytes::add);
    for (int i = 0; i < all.length(); i++) d.handle(all.getBuffer(i, i + 1));
    assertEquals("{\"delta\":{\"text\":\"héllo\"}}", bytes.get(1).payloadText());
  }

  @Test
  void otherHeaderTypesAreRead() {
    Buffer h = Buffer.buffer();
    h.appendByte((byte) 1).appendString("b").appendByte((byte) 0);
    h.appendByte((byte) 1).appendString("i").appendByte((byte) 4).appendInt(42);
    h.appendByte((byte) 1).appendString("l").appendByte((byte) 5).appendLong(7L);
    h.appendByte((byte) 1).appendString("x").appendByte((byte) 6).appendShort((short) 2).appendBytes(new byte[] {1, 2});
    Buffer frame = raw(h, "{}");
    EventStreamDecoder.Message m = decode(frame).get(0);
    assertEquals(Boolean.TRUE, m.headers().get("b"));
    assertEquals(42, m.headers().get("i"));
    assertEquals(7L, m.headers().get("l"));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) m.headers().get("x"));
  }

  @Test
  void corruptFramesAreRejected() {
    Buffer good = EventStreamFrames.event("messageStop", "{}");
    Buffer badPayload = good.copy();
    badPayload.setByte(good.length() - 6, (byte) 'X');
    assertThrows(IllegalStateException.class, () -> decode(badPayload));
    Buffer badPrelude = good.copy();
    badPrelude.setInt(0, good.length() + 1);
    assertThrows(IllegalStateException.class, () -> decode(badPrelude));
    assertThrows(IllegalStateException.class, () -> decode(good.getBuffer(0, good.length() - 1)), "cut stream");
  }

  private static Buffer raw(Buffer headers, String payload) {
    Buffer out = Buffer.buffer().appendInt(12 + headers.length() + payload.length() + 4).appendInt(headers.length());
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(out.getBytes());
    out.appendUnsignedInt(c.getValue()).appendBuffer(headers).appendString(payload);
    c = new java.util.zip.CRC32();
    c.update(out.getBytes());
    return out.appendUnsignedInt(c.getValue());
  }
}

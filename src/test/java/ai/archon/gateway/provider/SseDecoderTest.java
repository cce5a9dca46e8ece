package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.provider.SseDecoder.Event;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private static List<Event> decode(String body) {
    return Fixtures.decode(body.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
  }

  /** The bytes form (relays): the same data as the text form for every split of the body, byte for byte. */
  @Test
  void theBytesFormHandsOutTheSameDataAsText() {
    String body = "\uFEFFevent: e\r\ndata: {\"t\":\"\u00e9\uD83D\uDE00\"}\r\n\r\n: keep\n\nid: 7\ndata: a\ndata\ndata: b\r\r"
        + "event: no-data\n\ndata:\n\ndata: last";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<String> expected = Fixtures.decode(bytes, bytes.length).stream().map(Event::data).toList();
    assertEquals(List.of("{\"t\":\"\u00e9\uD83D\uDE00\"}", "a\n\nb", "", "last"), expected);
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      List<String> got = new ArrayList<>();
      SseDecoder d = SseDecoder.ofData(data -> got.add(data.text()));
      for (int i = 0; i < bytes.length; i += chunk) {
        d.handle(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
      }
      d.end();
      assertEquals(expected, got, "chunks of " + chunk);
    }
  }

  @Test
  void relayViewSaysWhetherLinesWereJoined() {
    List<Boolean> hints = new ArrayList<>();
    SseDecoder d = SseDecoder.ofData(data -> hints.add(data.mayHoldLineFeeds()));
    d.handle(Buffer.buffer("data: {\"a\":1}\n\ndata: {\"a\":\ndata: 2}\n\ndata: {\"a\":3}\r\n\r\n"));
    d.end();
    assertEquals(List.of(false, true, false), hints, "only the event sent over two data: lines holds a line feed");
  }

  @Test
  void dataEventWithDefaultType() {
    assertEquals(List.of(new Event("message", "{\"a\":1}")), decode("data: {\"a\":1}\n\n"));
  }

  @Test
  void namedEventsAndIds() {
    List<Event> events = decode("event: ping\ndata: {}\n\nid: 7\nevent: delta\ndata: x\n\n");
    assertEquals(List.of(new Event("ping", "{}"), new Event("delta", "x", "7")), events);
    assertNull(events.get(0).id());
  }

  @Test
  void multiLineDataIsJoinedWithLf() {
    assertEquals(List.of(new Event("message", "line one\nline two\n\nline four")),
        decode("data: line one\ndata: line two\ndata\ndata: line four\n\n"));
  }

  @Test
  void onlyOneLeadingSpaceIsDropped() {
    assertEquals(List.of(new Event("message", "x"), new Event("message", "  y"), new Event("message", "a:b")),
        decode("data:x\n\ndata:   y\n\ndata: a:b\n\n"));
  }

  @Test
  void crlfAndLoneCrEndLines() {
    List<Event> expected = List.of(new Event("e", "1"), new Event("message", "2\n3"));
    assertEquals(expected, decode("event: e\r\ndata: 1\r\n\r\ndata: 2\r\ndata: 3\r\n\r\n"));
    assertEquals(expected, decode("event: e\rdata: 1\r\rdata: 2\rdata: 3\r\r"));
    assertEquals(expected, decode("event: e\ndata: 1\r\rdata: 2\r\ndata: 3\n\r\n"));
  }

  @Test
  void crlfSplitAcrossBuffersIsOneLineEnd() {
    List<Event> out = new ArrayList<>();
    SseDecoder d = new SseDecoder(out::add);
    d.handle(Buffer.buffer("data: a\r"));
    d.handle(Buffer.buffer("\ndata: b\r"));
    d.handle(Buffer.buffer("\n\r"));
    d.handle(Buffer.buffer("\n"));
    assertEquals(List.of(new Event("message", "a\nb")), out);
  }

  @Test
  void commentsAndUnknownFieldsAreIgnored() {
    assertEquals(List.of(new Event("message", "z")),
        decode(": keep-alive\n\n:\nretry: 3000\nfoo: bar\ndata: z\n\n"));
  }

  @Test
  void eventWithoutDataIsNotDispatched() {
    assertEquals(List.of(), decode("event: ping\n\n\n\nid: 3\n\n"));
  }

  @Test
  void emptyDataIsDispatched() {
    assertEquals(List.of(new Event("message", "")), decode("data:\n\n"));
  }

  @Test
  void byteOrderMarkAtStartIsSkipped() {
    assertEquals(List.of(new Event("message", "x")), decode("\uFEFFdata: x\n\n"));
  }

  @Test
  void lastEventWithoutBlankLineIsDispatchedAtEnd() {
    assertEquals(List.of(new Event("message", "a"), new Event("message", "[DONE]")), decode("data: a\n\ndata: [DONE]\n"));
    assertEquals(List.of(new Event("message", "[DONE]")), decode("data: [DONE]"));
  }

  @Test
  void endIsIdempotentAndFeedingAfterEndFails() {
    List<Event> out = new ArrayList<>();
    SseDecoder d = new SseDecoder(out::add);
    d.handle(Buffer.buffer("data: a"));
    d.end();
    d.end();
    assertEquals(1, out.size());
    assertThrows(IllegalStateException.class, () -> d.handle(Buffer.buffer("data: b\n\n")));
  }

  @Test
  void everySplitPointGivesTheSameEvents() {
    String body = "event: a\r\ndata: h\u00e9llo \uD83D\uDE42\r\n\r\n: c\r\ndata: 1\ndata: 2\r\r\ndata: \u2713\n\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<Event> whole = Fixtures.decode(bytes, bytes.length);
    assertEquals(List.of(new Event("a", "h\u00e9llo \uD83D\uDE42"), new Event("message", "1\n2"), new Event("message", "\u2713")), whole);
    for (int split = 1; split < bytes.length; split++) {
      List<Event> out = new ArrayList<>();
      SseDecoder d = new SseDecoder(out::add);
      d.handle(Buffer.buffer(bytes).slice(0, split));
      d.handle(Buffer.buffer(bytes).slice(split, bytes.length));
      d.end();
      assertEquals(whole, out, "split at " + split);
    }
    assertEquals(whole, Fixtures.decode(bytes, 1));
  }

  @Test
  void recordedTranscriptsDecodeAlikeWithLfCrlfAndAnyChunking() {
    for (String f : List.of("openai/stream.sse", "anthropic/stream.sse", "gemini/stream.sse")) {
      byte[] lf = Fixtures.bytes(f);
      List<Event> expected = Fixtures.decode(lf, lf.length);
      assertTrue(expected.size() >= 4, f);
      byte[] crlf = Fixtures.crlf(lf);
      for (int chunk : new int[] {1, 2, 3, 7, 64, 1000}) {
        assertEquals(expected, Fixtures.decode(lf, chunk), f + " chunk " + chunk);
        assertEquals(expected, Fixtures.decode(crlf, chunk), f + " crlf chunk " + chunk);
      }
    }
  }

  @Test
  void oversizedEventFails() {
    SseDecoder d = new SseDecoder(e -> { }, 64);
    d.handle(Buffer.buffer("data: " + "x".repeat(40) + "\n"));
    assertThrows(IllegalStateException.class, () -> d.handle(Buffer.buffer("data: " + "y".repeat(40) + "\n")));
    SseDecoder d2 = new SseDecoder(e -> { }, 64);
    assertThrows(IllegalStateException.class, () -> d2.handle(Buffer.buffer("data: " + "z".repeat(100))));
  }

  @Test
  void sizeLimitIsPerEvent() {
    List<Event> out = new ArrayList<>();
    SseDecoder d = new SseDecoder(out::add, 64);
    for (int i = 0; i < 100; i++) d.handle(Buffer.buffer("data: " + "x".repeat(40) + "\n\n"));
    assertEquals(100, out.size());
  }
}

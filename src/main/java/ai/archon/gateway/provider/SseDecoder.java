package ai.archon.gateway.provider;

import ai.archon.gateway.model.EventBytes;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent Events decoder: feed it the chunks of an HTTP body in order ({@link #handle(Buffer)}) and it
 * hands every complete event to its sink. It follows the WHATWG event-stream rules that matter for LLM APIs:
 *
 * <ul>
 *   <li>lines end with LF, CRLF or a lone CR, also when the CR and the LF arrive in different chunks;
 *   <li>{@code data:} lines of one event are joined with LF; one space after the colon is dropped;
 *   <li>{@code event:} sets the event type ({@code message} when absent); {@code id:} is kept; {@code retry:} and
 *       unknown fields are ignored; lines starting with {@code :} are comments (keep-alives);
 *   <li>a blank line ends an event; an event without any data line is not dispatched;
 *   <li>a UTF-8 byte order mark at the very start is skipped; multi-byte characters split across chunks are decoded
 *       whole (only complete lines are decoded).
 * </ul>
 *
 * One leniency: at {@link #end()} a last event that lacks its closing blank line is still dispatched (several
 * OpenAI-compatible servers end with {@code data: [DONE]\n}). Not thread-safe: one decoder per response, used from
 * its event loop. No regular expressions and no per-line allocation besides the decoded value strings; a decoder
 * made with {@link #ofData} allocates nothing per event (it hands out the data bytes, not strings).
 */
public final class SseDecoder implements Handler<Buffer> {

  /** One dispatched event: its type ({@code message} by default), its data and its id (null when none was sent). */
  public record Event(String event, String data, String id) {
    public static final String DEFAULT_TYPE = "message";

    public Event(String event, String data) {
      this(event, data, null);
    }
  }

  /** Default limit for one event (all its lines together): 16 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};

  private final Consumer<Event> sink;
  /** Set instead of {@link #sink} by {@link #ofData}: the data bytes of each event, types and ids unread. */
  private final Consumer<EventBytes> dataSink;
  private final EventBytes view;
  private final int maxEventBytes;

  private byte[] line = new byte[256];
  private int lineLen;
  private boolean afterCr;
  private boolean firstLine = true;
  private boolean ended;

  // The event being built.
  private String type;
  private String id;
  private String firstData;
  private StringBuilder moreData;
  private int eventBytes;
  // The data of the event being built, in bytes (ofData only): lines joined with LF.
  private byte[] data;
  private int dataLen;
  private boolean hasData;
  private boolean joined; // the event's data came in more than one line: LFs were put between them

  public SseDecoder(Consumer<Event> sink) {
    this(sink, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseDecoder(Consumer<Event> sink, int maxEventBytes) {
    this(sink, null, maxEventBytes);
  }

  private SseDecoder(Consumer<Event> sink, Consumer<EventBytes> dataSink, int maxEventBytes) {
    this.sink = sink;
    this.dataSink = dataSink;
    this.view = dataSink == null ? null : new EventBytes();
    this.data = dataSink == null ? null : new byte[256];
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * A decoder for relays: {@code sink} gets each event's data as UTF-8 bytes, in a view valid during the call only
   * (see {@link EventBytes}); event types and ids are not decoded.
   */
  public static SseDecoder ofData(Consumer<EventBytes> sink) {
    return new SseDecoder(null, sink, DEFAULT_MAX_EVENT_BYTES);
  }

  /** Feeds one chunk of the body. Throws {@link IllegalStateException} when an event grows past the limit. */
  @Override
  public void handle(Buffer chunk) {
    if (chunk instanceof BufferInternal) {
      ByteBuf b = ((BufferInternal) chunk).getByteBuf();
      if (b.hasArray()) { // read in place: a chunk's bytes are not copied
        feed(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
        return;
      }
    }
    byte[] bytes = chunk.getBytes();
    feed(bytes, 0, bytes.length);
  }

  /** Feeds {@code len} bytes of {@code bytes} from {@code off}. */
  public void feed(byte[] bytes, int off, int len) {
    if (ended) throw new IllegalStateException("SSE decoder already ended");
    int end = off + len;
    int i = off;
    while (i < end) {
      if (afterCr) {
        afterCr = false;
        if (bytes[i] == '\n') {
          i++;
          continue;
        }
      }
      // Copy the run up to the next line break in one go.
      int runStart = i;
      while (i < end && bytes[i] != '\n' && bytes[i] != '\r') i++;
      if (i > runStart) append(bytes, runStart, i - runStart);
      if (i < end) {
        afterCr = bytes[i] == '\r';
        i++;
        completeLine();
      }
    }
  }

  /** The body ended: a pending last line and event are processed (see the class comment). Idempotent. */
  public void end() {
    if (ended) return;
    ended = true;
    if (lineLen > 0) completeLine();
    dispatch();
  }

  private void append(byte[] src, int off, int len) {
    int needed = lineLen + len;
    if ((long) eventBytes + needed > maxEventBytes) {
      throw new IllegalStateException("SSE event exceeds " + maxEventBytes + " bytes");
    }
    if (needed > line.length) {
      line = Arrays.copyOf(line, (int) Math.max(needed, Math.min((long) line.length * 2, maxEventBytes)));
    }
    System.arraycopy(src, off, line, lineLen, len);
    lineLen = needed;
  }

  private void completeLine() {
    int start = 0;
    int len = lineLen;
    lineLen = 0;
    if (firstLine) {
      firstLine = false;
      if (len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
        start = 3;
        len -= 3;
      }
    }
    if (len == 0) {
      dispatch();
      return;
    }
    eventBytes += len + 1;
    if (line[start] == ':') return; // comment / keep-alive
    int colon = -1;
    for (int k = start; k < start + len; k++) {
      if (line[k] == ':') {
        colon = k;
        break;
      }
    }
    int nameLen = colon < 0 ? len : colon - start;
    int valueStart = colon < 0 ? start + len : colon + 1;
    if (valueStart < start + len && line[valueStart] == ' ') valueStart++;
    int valueLen = start + len - valueStart;

    if (dataSink != null) {
      if (is(DATA, start, nameLen)) appendData(valueStart, valueLen);
    } else if (is(DATA, start, nameLen)) {
      String value = new String(line, valueStart, valueLen, StandardCharsets.UTF_8);
      if (firstData == null) {
        firstData = value;
      } else {
        if (moreData == null) moreData = new StringBuilder(firstData.length() + value.length() + 16).append(firstData);
        moreData.append('\n').append(value);
      }
    } else if (is(EVENT, start, nameLen)) {
      type = new String(line, valueStart, valueLen, StandardCharsets.UTF_8);
    } else if (is(ID, start, nameLen)) {
      id = new String(line, valueStart, valueLen, StandardCharsets.UTF_8);
    }
    // retry and unknown fields: ignored.
  }

  private void appendData(int from, int len) {
    int needed = dataLen + len + (hasData ? 1 : 0);
    if (needed > data.length) data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
    if (hasData) {
      data[dataLen++] = '\n';
      joined = true;
    }
    System.arraycopy(line, from, data, dataLen, len);
    dataLen += len;
    hasData = true;
  }

  private boolean is(byte[] name, int start, int len) {
    if (len != name.length) return false;
    for (int k = 0; k < len; k++) {
      if (line[start + k] != name[k]) return false;
    }
    return true;
  }

  private void dispatch() {
    if (dataSink != null) {
      boolean any = hasData;
      boolean lineFeeds = joined;
      int len = dataLen;
      hasData = false;
      joined = false;
      dataLen = 0;
      type = null;
      id = null;
      eventBytes = 0;
      if (any) {
        view.set(data, len, lineFeeds);
        dataSink.accept(view);
      }
      return;
    }
    String data = moreData != null ? moreData.toString() : firstData;
    String t = type == null || type.isEmpty() ? Event.DEFAULT_TYPE : type;
    String i = id;
    type = null;
    id = null;
    firstData = null;
    moreData = null;
    eventBytes = 0;
    if (data != null) sink.accept(new Event(t, data, i));
  }
}

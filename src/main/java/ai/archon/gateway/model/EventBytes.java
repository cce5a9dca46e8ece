package ai.archon.gateway.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One server-sent event's data payload as the UTF-8 bytes it arrived in, for relays that pass it on unchanged: no
 * decoding to a String and no encoding back. A view the decoder reuses for every event, so it is valid only during
 * the call it is handed to: keep {@link #text()} or a copy, never the view.
 */
public final class EventBytes {
  private byte[] bytes;
  private int length;
  private boolean lineFeeds;

  /** An empty view for a decoder to {@link #set} per event. */
  public EventBytes() {
    this(new byte[0], 0, true);
  }

  private EventBytes(byte[] bytes, int length, boolean lineFeeds) {
    set(bytes, length, lineFeeds);
  }

  /** A view of {@code text}'s UTF-8 encoding (tests and callers that hold text). */
  public static EventBytes of(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new EventBytes(b, b.length, text.indexOf('\n') >= 0);
  }

  /**
   * Points the view at the first {@code length} bytes of {@code bytes} (not copied). {@code lineFeeds} is false only
   * when the payload is known to hold none (an SSE decoder knows: one {@code data:} line cannot hold a line feed), so
   * a relay skips looking for them.
   */
  public void set(byte[] bytes, int length, boolean lineFeeds) {
    this.bytes = bytes;
    this.length = length;
    this.lineFeeds = lineFeeds;
  }

  /** False when the payload holds no line feed; true when it may (see {@link #set}). */
  public boolean mayHoldLineFeeds() {
    return lineFeeds;
  }

  /** The backing array; the payload is its first {@link #length()} bytes. */
  public byte[] array() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** The payload decoded (allocates: for the rare reader that needs text). */
  public String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** A copy of the payload that outlives the call. */
  public byte[] copy() {
    return Arrays.copyOf(bytes, length);
  }

  /**
   * Where {@code key} first occurs in the payload, or -1. Horspool's search: it compares the byte under the key's
   * last position and skips ahead by the key's shift for that byte, so a 7-byte key reads about every fifth byte of
   * a JSON event instead of each. Why it matters: the relay runs this on every streamed event, and in the first
   * seconds of a burst it runs interpreted (bench/abuse.py phase 5 profile: 34 % of the event loop's busy time in
   * the byte-by-byte scan this replaced).
   */
  public int indexOf(Key key) {
    byte[] k = key.bytes;
    int last = k.length - 1;
    byte end = k[last];
    int i = 0;
    while (i <= length - k.length) {
      byte c = bytes[i + last];
      if (c == end) {
        int j = last - 1;
        while (j >= 0 && bytes[i + j] == k[j]) j--;
        if (j < 0) return i;
      }
      i += key.shift[c & 0xff];
    }
    return -1;
  }

  /** True when the payload is {@code text} (ASCII) with surrounding spaces, tabs and line breaks ignored. */
  public boolean isTrimmed(String text) {
    int s = 0;
    int e = length;
    while (s < e && bytes[s] <= ' ') s++;
    while (e > s && bytes[e - 1] <= ' ') e--;
    if (e - s != text.length()) return false;
    for (int i = 0; i < e - s; i++) {
      if (bytes[s + i] != text.charAt(i)) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return text();
  }

  /** A byte string to look for with {@link #indexOf(Key)}, its skip table built once. */
  public static final class Key {
    private final byte[] bytes;
    private final int[] shift = new int[256];

    private Key(byte[] bytes) {
      if (bytes.length == 0) throw new IllegalArgumentException("an empty key");
      this.bytes = bytes;
      Arrays.fill(shift, bytes.length);
      for (int j = 0; j < bytes.length - 1; j++) shift[bytes[j] & 0xff] = bytes.length - 1 - j;
    }

    /** The key {@code text}, encoded as UTF-8. */
    public static Key of(String text) {
      return new Key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** How many bytes the key is. */
    public int length() {
      return bytes.length;
    }
  }
}

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

  /** An empty view for a decoder to {@link #set} per event. */
  public EventBytes() {
    this(new byte[0], 0);
  }

  private EventBytes(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /** A view of {@code text}'s UTF-8 encoding (tests and callers that hold text). */
  public static EventBytes of(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new EventBytes(b, b.length);
  }

  /** Points the view at the first {@code length} bytes of {@code bytes} (not copied). */
  public void set(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
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

  /** Where {@code key} first occurs in the payload, or -1. */
  public int indexOf(byte[] key) {
    outer:
    for (int i = 0; i <= length - key.length; i++) {
      for (int k = 0; k < key.length; k++) {
        if (bytes[i + k] != key[k]) continue outer;
      }
      return i;
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
}

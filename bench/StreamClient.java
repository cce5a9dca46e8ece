import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming load client: {@code concurrency} keep-alive connections, each posting one streaming chat request after
 * the other for {@code seconds}, timing the first {@code data:} byte and the end of the chunked body. wrk cannot see
 * a first byte, so this measures it; plain blocking sockets keep the client's own overhead small and visible.
 *
 * <p>Run: {@code java bench/StreamClient.java URL BODY CONCURRENCY SECONDS}. Prints one line:
 * {@code STREAM ok=N errors=N ttfb_p50_ms=.. ttfb_p99_ms=.. total_p50_ms=.. total_p99_ms=..}, and when the streams'
 * first content is a stamp of the bench upstream's {@code t<chunks>x<ms>} models ({@code @} and the epoch ns at which
 * the upstream wrote it) also {@code relay_n=.. relay_p50_ms=.. relay_p99_ms=..}: the wall clock at the read that
 * brought the {@code @} minus the stamp. Both sides read the same clock (CLOCK_REALTIME, one machine), which
 * {@code System.nanoTime} would not give across processes.
 */
public final class StreamClient {
  private static final byte[] END = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STAMP = {'@'};
  private static final AtomicLong ERRORS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    byte[] body = args[1].getBytes(StandardCharsets.UTF_8);
    int concurrency = Integer.parseInt(args[2]);
    long deadline = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
    byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
        + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Thread t = new Thread(() -> loop(url, request, deadline, samples), "stream-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    List<Long> ttfb = new ArrayList<>();
    List<Long> total = new ArrayList<>();
    List<Long> relay = new ArrayList<>();
    synchronized (samples) {
      for (long[] s : samples) {
        ttfb.add(s[0]);
        total.add(s[1]);
        if (s[2] >= 0) relay.add(s[2]);
      }
    }
    Collections.sort(ttfb);
    Collections.sort(total);
    Collections.sort(relay);
    System.out.printf("STREAM ok=%d errors=%d ttfb_p50_ms=%.3f ttfb_p99_ms=%.3f total_p50_ms=%.3f total_p99_ms=%.3f%s%n",
        ttfb.size(), ERRORS.get(), pct(ttfb, 50), pct(ttfb, 99), pct(total, 50), pct(total, 99), relay.isEmpty() ? ""
            : String.format(" relay_n=%d relay_p50_ms=%.3f relay_p99_ms=%.3f", relay.size(), pct(relay, 50), pct(relay, 99)));
  }

  private static void loop(URI url, byte[] request, long deadline, List<long[]> samples) {
    Socket socket = null;
    byte[] buf = new byte[64 * 1024];
    while (System.nanoTime() < deadline) {
      try {
        if (socket == null) {
          socket = new Socket(url.getHost(), url.getPort());
          socket.setTcpNoDelay(true);
        }
        long[] sample = exchange(socket, request, buf);
        if (sample == null) {
          ERRORS.incrementAndGet();
          socket.close();
          socket = null;
        } else {
          samples.add(sample);
        }
      } catch (IOException e) {
        ERRORS.incrementAndGet();
        try {
          if (socket != null) socket.close();
        } catch (IOException ignored) {
          // already broken
        }
        socket = null;
      }
    }
    try {
      if (socket != null) socket.close();
    } catch (IOException ignored) {
      // closing at the end
    }
  }

  /**
   * One request; {ttfb, total, relay} in nanoseconds (relay -1 without a stamp), or null when the answer is not a 200
   * event stream.
   */
  private static long[] exchange(Socket socket, byte[] request, byte[] buf) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    long start = System.nanoTime();
    out.write(request);
    out.flush();
    int len = 0;
    long first = 0;
    Stamp stamp = new Stamp();
    while (true) {
      if (len == buf.length) len = keepTail(buf, len, stamp);
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) throw new IOException("connection closed mid-response");
      int from = len;
      len += n;
      if (first == 0 && len >= 12 && !startsWith200(buf)) return null; // an error answer: the caller reconnects
      if (first == 0 && indexOf(buf, Math.max(0, from - DATA.length), len, DATA) >= 0) first = System.nanoTime();
      stamp.read(buf, from, len);
      if (len >= END.length && endsWith(buf, len, END)) {
        if (first == 0) return null;
        return new long[] {first - start, System.nanoTime() - start, stamp.relayNs()};
      }
    }
  }

  /** Finds the upstream's stamp ({@code @} and epoch ns) in the stream and the wall clock at the read that brought it. */
  private static final class Stamp {
    /** Epoch nanoseconds have 19 digits until the year 2286. */
    private static final int NS_DIGITS = 19;
    private int at = -1;
    private long arrived;
    private long sent = -1;

    void read(byte[] buf, int from, int len) {
      if (sent >= 0) return;
      if (at < 0) {
        long now = wallNs(); // before the search: the read has returned, the bytes are here
        at = indexOf(buf, from, len, STAMP);
        if (at < 0) return;
        arrived = now;
      }
      long v = 0;
      int digits = 0;
      for (int i = at + 1; i < len && digits < NS_DIGITS; i++) {
        if (buf[i] == '\r') { // a relay may cut the event into HTTP chunks: skip "\r\n<hex size>\r\n"
          int j = i + 2;
          while (j < len && buf[j] != '\r') j++;
          if (j + 1 >= len) return; // the framing is not all here yet
          i = j + 1;
          continue;
        }
        if (buf[i] < '0' || buf[i] > '9') {
          sent = 0; // not a stamp: no sample
          return;
        }
        v = v * 10 + (buf[i] - '0');
        digits++;
      }
      if (digits == NS_DIGITS) sent = v;
    }

    long relayNs() {
      return sent > 0 ? arrived - sent : -1;
    }

    void moved(int by) {
      if (at >= 0 && sent < 0) at = at - by >= 0 ? at - by : -1;
    }
  }

  private static long wallNs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Keeps the last bytes (enough to match the markers across reads) and drops the rest. */
  private static int keepTail(byte[] buf, int len, Stamp stamp) {
    int keep = 32;
    System.arraycopy(buf, len - keep, buf, 0, keep);
    stamp.moved(len - keep);
    return keep;
  }

  /** Only asked before the first event, while the status line is still at the start of the buffer. */
  private static boolean startsWith200(byte[] buf) {
    return buf[9] == '2' && buf[10] == '0' && buf[11] == '0';
  }

  private static int indexOf(byte[] buf, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (buf[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static boolean endsWith(byte[] buf, int len, byte[] tail) {
    for (int i = 0; i < tail.length; i++) if (buf[len - tail.length + i] != tail[i]) return false;
    return true;
  }

  private static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}

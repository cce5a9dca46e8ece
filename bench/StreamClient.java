import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
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
 * {@code STREAM ok=N errors=N ttfb_p50_ms=.. ttfb_p99_ms=.. total_p50_ms=.. total_p99_ms=..}.
 */
public final class StreamClient {
  private static final byte[] END = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
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
    synchronized (samples) {
      for (long[] s : samples) {
        ttfb.add(s[0]);
        total.add(s[1]);
      }
    }
    Collections.sort(ttfb);
    Collections.sort(total);
    System.out.printf("STREAM ok=%d errors=%d ttfb_p50_ms=%.3f ttfb_p99_ms=%.3f total_p50_ms=%.3f total_p99_ms=%.3f%n",
        ttfb.size(), ERRORS.get(), pct(ttfb, 50), pct(ttfb, 99), pct(total, 50), pct(total, 99));
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

  /** One request; {ttfb, total} in nanoseconds, or null when the answer is not a 200 event stream. */
  private static long[] exchange(Socket socket, byte[] request, byte[] buf) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    long start = System.nanoTime();
    out.write(request);
    out.flush();
    int len = 0;
    long first = 0;
    while (true) {
      if (len == buf.length) len = keepTail(buf, len);
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) throw new IOException("connection closed mid-response");
      int from = Math.max(0, len - DATA.length);
      len += n;
      if (first == 0 && len >= 12 && !startsWith200(buf)) return null; // an error answer: the caller reconnects
      if (first == 0 && indexOf(buf, from, len, DATA) >= 0) first = System.nanoTime();
      if (len >= END.length && endsWith(buf, len, END)) {
        if (first == 0) return null;
        return new long[] {first - start, System.nanoTime() - start};
      }
    }
  }

  /** Keeps the last bytes (enough to match the markers across reads) and drops the rest. */
  private static int keepTail(byte[] buf, int len) {
    int keep = 16;
    System.arraycopy(buf, len - keep, buf, 0, keep);
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

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's own OpenAI-compatible upstream: answers {@code POST /v1/chat/completions} as fast as Vert.x can,
 * with latency and streaming shape chosen by the requested model name, so that the benchmark measures the gateway
 * and not the upstream. Run: {@code java -cp target/archon-gateway.jar bench/BenchUpstream.java PORT [EVENT_LOOPS]}.
 *
 * <p>Model names: {@code fast} (answers at once); {@code d<ms>} (answers after ms); {@code s<chunks>x<ms>} (streams
 * that many content chunks, ms apart, first at once); {@code t<chunks>x<ms>} (as {@code s}, but the first chunk's
 * content is {@code @} and the wall clock in epoch nanoseconds when it was written, so that a client on the same
 * machine can tell how long the first token took from here to it). Answers to the gateway's critic and ranker prompts
 * are in the format those prompts ask for, so an ensemble's ranking does not fall back. {@code GET /stats} returns
 * the number of chat requests served; {@code GET /inflight} the requests being answered now and the most at once
 * since the last {@code GET /inflight/reset}.
 */
public final class BenchUpstream extends VerticleBase {
  private static final AtomicLong REQUESTS = new AtomicLong();
  private static final AtomicLong IN_FLIGHT = new AtomicLong();
  private static final AtomicLong MAX_IN_FLIGHT = new AtomicLong();
  private static final Pattern LATENCY = Pattern.compile("\"model\"\\s*:\\s*\"d(\\d+)\"");
  private static final Pattern STREAM = Pattern.compile("\"model\"\\s*:\\s*\"([st])(\\d+)x(\\d+)\"");
  private static final Pattern CRITIC_N = Pattern.compile("Reply with exactly (\\d+) block");
  private static final Pattern RANK_K = Pattern.compile("the best (\\d+) of the \\d+ candidates|listing all (\\d+) candidates");
  private static final String TEXT = "Hello from the bench upstream: a short answer of about twenty words, "
      + "enough to look like a real completion.";
  private static final Buffer FAST = completion(TEXT);
  private static final Buffer CHUNK = Buffer.buffer("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},"
      + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  private static final String STAMP_HEAD = CHUNK.toString(StandardCharsets.UTF_8).split("token ")[0] + "@";
  private static final String STAMP_TAIL = " " + CHUNK.toString(StandardCharsets.UTF_8).split("token ")[1];
  private static final Buffer LAST = Buffer.buffer("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
      + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    BenchUpstream.port = port;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    vertx.deployVerticle(BenchUpstream::new, new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.println("bench upstream listening on 127.0.0.1:" + port))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }

  private static int port;

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0))
        .requestHandler(this::handle)
        .listen(port, "127.0.0.1");
  }

  private void handle(HttpServerRequest req) {
    if (req.path().equals("/stats")) {
      req.response().end("{\"requests\":" + REQUESTS.get() + "}");
      return;
    }
    if (req.path().startsWith("/inflight")) {
      if (req.path().endsWith("/reset")) MAX_IN_FLIGHT.set(IN_FLIGHT.get());
      req.response().end("{\"in_flight\":" + IN_FLIGHT.get() + ",\"max_in_flight\":" + MAX_IN_FLIGHT.get() + "}");
      return;
    }
    req.body().onSuccess(body -> {
      REQUESTS.incrementAndGet();
      MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
      answer(req.response(), body);
    });
  }

  private void answer(HttpServerResponse resp, Buffer body) {
    String text = body.toString(StandardCharsets.UTF_8);
    boolean stream = text.contains("\"stream\":true") || text.contains("\"stream\": true");
    if (stream) {
      Matcher s = STREAM.matcher(text);
      boolean shaped = s.find();
      int chunks = shaped ? Integer.parseInt(s.group(2)) : 10;
      long gap = shaped ? Long.parseLong(s.group(3)) : 0;
      resp.setChunked(true).putHeader("content-type", "text/event-stream");
      emit(resp, chunks, gap, shaped && s.group(1).equals("t"));
      return;
    }
    Matcher d = LATENCY.matcher(text);
    long delay = d.find() ? Long.parseLong(d.group(1)) : 0;
    Buffer reply = delay == 0 ? FAST : completion(roleAnswer(text));
    if (delay == 0) json(resp, reply);
    else vertx.setTimer(delay, id -> json(resp, reply));
  }

  /** A first chunk whose content is {@code @} and the wall clock (epoch ns, comparable across processes). */
  private static Buffer stamped() {
    Instant now = Instant.now();
    return Buffer.buffer(STAMP_HEAD + (now.getEpochSecond() * 1_000_000_000L + now.getNano()) + STAMP_TAIL);
  }

  private void emit(HttpServerResponse resp, int left, long gap, boolean stamp) {
    if (resp.closed() || left == 0) {
      IN_FLIGHT.decrementAndGet();
      if (left == 0) resp.end(LAST);
      return;
    }
    resp.write(stamp ? stamped() : CHUNK); // the stamp is taken just before the write
    if (gap == 0) emit(resp, left - 1, gap, false);
    else vertx.setTimer(gap, id -> emit(resp, left - 1, gap, false));
  }

  private static void json(HttpServerResponse resp, Buffer reply) {
    IN_FLIGHT.decrementAndGet();
    resp.putHeader("content-type", "application/json").end(reply);
  }

  /** The critic and ranker prompts ask for a format; everything else gets plain text. */
  private static String roleAnswer(String prompt) {
    Matcher c = CRITIC_N.matcher(prompt);
    if (c.find()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= Integer.parseInt(c.group(1)); i++) {
        sb.append('[').append(i).append("]\\nStrengths:\\n- Clear.\\nWeaknesses:\\n- None\\n\\n");
      }
      return sb.toString();
    }
    Matcher r = RANK_K.matcher(prompt);
    if (r.find()) {
      int k = Integer.parseInt(r.group(1) != null ? r.group(1) : r.group(2));
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= k; i++) sb.append(i > 1 ? " > " : "").append('[').append(i).append(']');
      return sb.toString();
    }
    if (prompt.contains("Reply with a single line holding the number of the best candidate")) return "[1]";
    return TEXT;
  }

  /** {@code text} must already be JSON-escaped. */
  private static Buffer completion(String text) {
    return Buffer.buffer("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
        + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":20,\"total_tokens\":32}}");
  }
}

package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted fake LLM provider on 127.0.0.1 that speaks the OpenAI, Anthropic, Gemini and Bedrock Converse chat
 * protocols (streaming included), answers as each test scripts it, and records every request. Embeddings requests (OpenAI
 * {@code /v1/embeddings}, Gemini {@code :embedContent}/{@code :batchEmbedContents}, Bedrock
 * {@code /model/{id}/invoke}) are routed and recorded too; their replies are scripted with {@link Reply#raw}.
 */
// It runs in its own verticle so it has an event loop of its own; scripting and inspection are thread-safe so tests
// can call them while requests are in flight.
public final class MockUpstream {

  private static final Pattern GEMINI_PATH = Pattern.compile(
      "^/v1(?:beta|alpha)?/models/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$");
  /** Bedrock's InvokeModel, where its embeddings models answer (script their replies with {@link Reply#raw}). */
  private static final Pattern BEDROCK_INVOKE = Pattern.compile("^/model/([^/]+)/invoke$");
  /** Bedrock's Converse and ConverseStream, where its chat models answer. */
  private static final Pattern BEDROCK_CONVERSE = Pattern.compile("^/model/([^/]+)/(?:converse|converse-stream)$");

  private final Vertx vertx;
  private final Wire openAi = new OpenAiWire();
  private final Wire anthropic = new AnthropicWire();
  private final Wire gemini = new GeminiWire();
  private final Wire bedrock = new BedrockInvokeWire();
  private final Wire converse = new BedrockConverseWire();

  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> callsPerModel = new ConcurrentHashMap<>();
  private final Map<String, Queue<Reply>> queued = new ConcurrentHashMap<>();
  private final Map<String, Function<RecordedRequest, Reply>> responders = new ConcurrentHashMap<>();
  private volatile Function<RecordedRequest, Reply> defaultResponder = r -> Reply.defaultText();
  private volatile BiConsumer<RecordedRequest, HttpServerResponse> rawResponder;
  private final Promise<Void> connectionClosed = Promise.promise();
  private final List<Waiter> waiters = new ArrayList<>(); // guarded by this
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean closing;
  private volatile int port;
  private volatile String deploymentId;
  private Future<Void> closed; // guarded by this

  private MockUpstream(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a mock on 127.0.0.1 with an OS-chosen port. */
  public static Future<MockUpstream> start(Vertx vertx) {
    MockUpstream mock = new MockUpstream(vertx);
    return vertx.deployVerticle(mock.new ServerVerticle()).map(id -> {
      mock.deploymentId = id;
      return mock;
    });
  }

  /** {@link #start(Vertx)} and wait (up to 10 s), for {@code @BeforeEach}; never call it on an event loop. */
  public static MockUpstream startBlocking(Vertx vertx) {
    return await(start(vertx));
  }

  /** Stops the server; requests still open are cut (recorded as {@code SERVER_CUT}). Safe to call twice. */
  public synchronized Future<Void> close() {
    if (closed == null) {
      closing = true;
      closed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    }
    return closed;
  }

  /** {@link #close()} and wait (up to 10 s). */
  public void closeBlocking() {
    await(close());
  }

  public int port() { return port; }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() { return "http://127.0.0.1:" + port; }

  /** The OpenAI base URL, {@code http://127.0.0.1:PORT/v1}; clients append {@code /chat/completions}. */
  public String openAiBaseUrl() { return baseUrl() + "/v1"; }

  /** The Anthropic base URL, {@code http://127.0.0.1:PORT}; clients append {@code /v1/messages}. */
  public String anthropicBaseUrl() { return baseUrl(); }

  /** The Gemini base URL, {@code http://127.0.0.1:PORT}; clients append {@code /v1beta/models/{model}:...}. */
  public String geminiBaseUrl() { return baseUrl(); }

  // ---- scripting

  /** Answers requests for {@code model} with {@code responder} (after any queued replies). */
  public MockUpstream respond(String model, Function<RecordedRequest, Reply> responder) {
    responders.put(model, responder);
    return this;
  }

  /** Answers every request for {@code model} with {@code reply} (after any queued replies). */
  public MockUpstream respond(String model, Reply reply) {
    return respond(model, r -> reply);
  }

  /** Answers models without their own responder; the built-in default is {@code "answer from <model>"}. */
  public MockUpstream respondDefault(Function<RecordedRequest, Reply> responder) {
    defaultResponder = responder;
    return this;
  }

  /** Answers every request without a model-specific script with {@code reply}. */
  public MockUpstream respondDefault(Reply reply) {
    return respondDefault(r -> reply);
  }

  /** Queues replies for the next requests to {@code model}, one each, before its responder takes over. */
  public MockUpstream respondInOrder(String model, Reply... replies) {
    Queue<Reply> q = queued.computeIfAbsent(model, m -> new ConcurrentLinkedQueue<>());
    for (Reply r : replies) q.add(r);
    return this;
  }

  /**
   * Answers every request with {@code responder}, which writes the response itself (see {@link RawReplies}): for
   * tests of the HTTP layer, where the bytes and their timing matter (a body trickled byte by byte, a stall, a drop).
   * Requests are recorded as ever; the protocol-shaped scripts are bypassed until {@link #reset()}.
   */
  public MockUpstream respondRaw(BiConsumer<RecordedRequest, HttpServerResponse> responder) {
    rawResponder = responder;
    return this;
  }

  /** Forgets recorded requests and per-model call counts (scripts stay). */
  public void clear() {
    synchronized (this) {
      requests.clear();
      callsPerModel.clear();
    }
  }

  /** {@link #clear()} and forget all scripts too. */
  public void reset() {
    clear();
    queued.clear();
    responders.clear();
    defaultResponder = r -> Reply.defaultText();
    rawResponder = null;
  }

  // ---- inspection

  /** Every recorded request, in arrival order (a snapshot). */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The recorded requests for {@code model}, in arrival order. */
  public List<RecordedRequest> requests(String model) {
    return requests.stream().filter(r -> Objects.equals(model, r.model())).toList();
  }

  /** How many requests were recorded. */
  public int calls() {
    return requests.size();
  }

  /** How many requests for {@code model} were recorded. */
  public int calls(String model) {
    return (int) requests.stream().filter(r -> Objects.equals(model, r.model())).count();
  }

  /** Completes when a client connection closes, e.g. when a cancelled call resets its request. */
  public Future<Void> connectionClosed() {
    return connectionClosed.future();
  }

  /** The most recent request, or null. */
  public RecordedRequest lastRequest() {
    List<RecordedRequest> all = requests();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** Completes with a snapshot of all requests once at least {@code count} are recorded. */
  public Future<List<RecordedRequest>> awaitCalls(int count) {
    return awaitCalls(null, count);
  }

  /** Completes with the requests for {@code model} once at least {@code count} are recorded. */
  public Future<List<RecordedRequest>> awaitCalls(String model, int count) {
    Waiter w = new Waiter(model, count);
    synchronized (this) {
      if (w.satisfied()) return Future.succeededFuture(w.snapshot());
      waiters.add(w);
    }
    return w.promise.future();
  }

  // ---- serving

  private void handle(HttpServerRequest req) {
    long arrival = System.nanoTime();
    String path = URLDecoder.decode(req.path(), StandardCharsets.UTF_8);
    Wire wire = null;
    String pathModel = null;
    if (req.method() == HttpMethod.POST) {
      // A rerank request is recorded like a chat request (its "model" names it); its responder returns the JSON.
      if (path.equals("/v1/chat/completions") || path.equals("/v1/rerank") || path.equals("/v1/embeddings")) {
        wire = openAi;
      } else if (path.equals("/v1/messages")) {
        wire = anthropic;
      } else {
        // Matched on the raw path and decoded after, so an encoded "/" stays inside the model segment.
        Matcher m = GEMINI_PATH.matcher(req.path());
        Matcher invoke = BEDROCK_INVOKE.matcher(req.path());
        Matcher conv = BEDROCK_CONVERSE.matcher(req.path());
        if (m.matches()) {
          wire = gemini;
          pathModel = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        } else if (invoke.matches()) {
          wire = bedrock;
          pathModel = URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
        } else if (conv.matches()) {
          wire = converse;
          pathModel = URLDecoder.decode(conv.group(1), StandardCharsets.UTF_8);
        }
      }
    }
    if (wire == null) {
      // Loud, so a test aimed at the wrong path fails with a clear message instead of a parse error.
      req.response().setStatusCode(404).putHeader("content-type", "application/json")
          .end("{\"error\":{\"message\":\"mock upstream has no route for " + req.method() + " " + path + "\"}}");
      return;
    }
    Wire w = wire;
    String model0 = pathModel;
    req.connection().closeHandler(v -> connectionClosed.tryComplete());
    Exchange exchange = new Exchange(vertx, req, w, () -> closing);
    req.body().onSuccess(buf -> {
      String raw = buf.toString(StandardCharsets.UTF_8);
      JsonNode body;
      try {
        body = Wire.JSON.readTree(raw);
        if (body == null) body = MissingNode.getInstance();
      } catch (Exception e) {
        body = MissingNode.getInstance();
      }
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
      String model = w.model(body, model0);
      RecordedRequest rec = record(w, req, path, headers, raw, body, model, arrival);
      BiConsumer<RecordedRequest, HttpServerResponse> rawReply = rawResponder;
      if (rawReply != null) {
        rawReply.accept(rec, req.response());
        return;
      }
      Reply reply = body.isMissingNode() ? Reply.status(400).message("mock upstream: body is not JSON") : choose(rec);
      Answer answer = reply.kind == Reply.Kind.TEXT ? answer(w, rec, reply) : null;
      exchange.start(rec, reply, answer);
    });
  }

  private RecordedRequest record(Wire w, HttpServerRequest req, String path, MultiMap headers, String raw,
      JsonNode body, String model, long arrival) {
    RecordedRequest rec;
    List<Waiter> ready = new ArrayList<>();
    // One lock so call numbers follow list order and waiters see a consistent count.
    synchronized (this) {
      int n = callsPerModel.merge(String.valueOf(model), 1, Integer::sum);
      rec = new RecordedRequest(w.protocol(), req.method().name(), req.uri(), path, headers, raw, body, model,
          w.streamed(body, path), arrival, n, w.promptText(body), w.lastUserText(body), new RecordedRequest.Ending());
      requests.add(rec);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (waiter.satisfied()) {
          ready.add(waiter);
          it.remove();
        }
      }
    }
    for (Waiter waiter : ready) waiter.promise.tryComplete(waiter.snapshot());
    return rec;
  }

  /** Queued reply first, then the model's responder, then the default one. */
  private Reply choose(RecordedRequest rec) {
    String key = String.valueOf(rec.model());
    Queue<Reply> q = queued.get(key);
    Reply next = q == null ? null : q.poll();
    if (next != null) return next;
    Function<RecordedRequest, Reply> responder = responders.getOrDefault(key, defaultResponder);
    try {
      Reply r = responder.apply(rec);
      return r != null ? r : Reply.defaultText();
    } catch (RuntimeException | Error e) {
      // A broken script should fail the test visibly, not hang it.
      System.err.println("MockUpstream responder failed for " + rec + ": " + e);
      return Reply.status(500).message("mock responder threw " + e);
    }
  }

  private Answer answer(Wire w, RecordedRequest rec, Reply reply) {
    String model = String.valueOf(rec.model());
    String text = reply.textFor(model);
    int prompt = reply.promptTokens != null ? reply.promptTokens : Reply.words(rec.promptText());
    int completion = reply.completionTokens != null ? reply.completionTokens : Reply.words(text);
    long seq = ids.incrementAndGet();
    String id;
    switch (w.protocol()) {
      case OPENAI: id = "chatcmpl-mock" + seq; break;
      case ANTHROPIC: id = "msg_mock" + seq; break;
      default: id = "mock-" + seq;
    }
    return new Answer(id, Instant.now().getEpochSecond(), model, text, reply.chunksFor(model), prompt, completion,
        reply.finishReason);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("MockUpstream: " + e, e);
    }
  }

  /** A pending {@link #awaitCalls} call. */
  private final class Waiter {
    final String model;
    final int count;
    final Promise<List<RecordedRequest>> promise = Promise.promise();

    Waiter(String model, int count) {
      this.model = model;
      this.count = count;
    }

    boolean satisfied() {
      return (model == null ? calls() : calls(model)) >= count;
    }

    List<RecordedRequest> snapshot() {
      return model == null ? requests() : requests(model);
    }
  }

  /** Owns the HTTP server, so the mock gets an event loop of its own and undeploying closes it. */
  private final class ServerVerticle extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
      return server.requestHandler(MockUpstream.this::handle).listen().onSuccess(s -> port = s.actualPort());
    }

    @Override
    public Future<?> stop() {
      return server.close();
    }
  }
}

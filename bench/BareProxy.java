import ai.archon.gateway.ops.Transports;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under the gateway's pass-through: the least a Vert.x proxy can do on this machine (read the body, POST it
 * to the upstream over a keep-alive pool, relay the reply, an event stream as its chunks come), with no routing,
 * parsing, resilience or metrics. The bench
 * runs it where the gateway runs, so "gateway − bare proxy" is what the gateway's own work costs. Run:
 * {@code java -cp target/archon-gateway.jar bench/BareProxy.java PORT UPSTREAM_HOST UPSTREAM_PORT
 * [FANOUT | json | web]}.
 *
 * <p>With {@code json}, the floor under any gateway that routes by the body's model and counts tokens: the body is
 * parsed into a Jackson tree, its {@code model} rewritten (the part after the first '/') and the tree written again for
 * the upstream, and the reply's top level is scanned for {@code usage} before it goes back as received.
 *
 * <p>With {@code web}, the same behind Vert.x Web: a router whose POST route has a {@code BodyHandler} and then the
 * JSON floor's handler; the floor under a gateway written the way Vert.x Web is meant to be used.
 *
 * <p>With {@code FANOUT} n, the floor under an n-generator → fuser ensemble instead: each request's body is POSTed n
 * times at once, then once more when all n have answered, and that last reply goes back; no prompts are built.
 */
public final class BareProxy extends VerticleBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int port;
  private final String upstreamHost;
  private final int upstreamPort;
  private final int fanout;
  private final boolean json;
  private final boolean web;
  private HttpClientAgent client;

  private BareProxy(int port, String upstreamHost, int upstreamPort, String mode) {
    this.port = port;
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.web = "web".equals(mode);
    this.json = web || "json".equals(mode);
    this.fanout = mode == null || json ? 0 : Integer.parseInt(mode);
  }

  public static void main(String[] args) {
    BareProxy proxy = new BareProxy(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]),
        args.length > 3 ? args[3] : null);
    // the gateway's socket transport (io_uring where allowed, else epoll), so that the floor is like for like
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1))
        .withTransport(Transports.choose(System.getenv(Transports.ENV))).build();
    vertx.deployVerticle(proxy).onSuccess(id -> System.out.println("bare proxy listening on 127.0.0.1:" + args[0]))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(fanout > 0 ? 16384 : 1024));
    Handler<HttpServerRequest> handler = req -> serve(req, req.body());
    if (web) {
      // Vert.x Web's own way to take a JSON POST: a router, its body handler, then the handler that uses the body
      Router router = Router.router(vertx);
      router.post().handler(BodyHandler.create());
      router.post().handler(ctx -> serve(ctx.request(), Future.succeededFuture(ctx.body().buffer())));
      handler = router;
    }
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(handler)
        .listen(port, "127.0.0.1");
  }

  private void serve(HttpServerRequest req, Future<Buffer> read) {
    read.map(body -> json ? renamed(body) : body)
        .compose(body -> fanout > 0 ? fanOut(req.uri(), body) : Future.succeededFuture(body))
        .compose(body -> call(req.uri(), body))
        .compose(resp -> relay(resp, req.response(), json))
        .onFailure(t -> {
          if (!req.response().headWritten()) req.response().setStatusCode(502).end();
        });
  }

  private Future<HttpClientResponse> call(String uri, Buffer body) {
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(upstreamHost).setPort(upstreamPort)
        .setURI(uri).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")).compose(up -> up.send(body));
  }

  /** The n calls of the first layer at once, each reply read whole; then the body again, for the last call. */
  private Future<Buffer> fanOut(String uri, Buffer body) {
    List<Future<Buffer>> calls = new ArrayList<>(fanout);
    for (int i = 0; i < fanout; i++) calls.add(call(uri, body).compose(HttpClientResponse::body));
    return Future.all(calls).map(all -> body);
  }

  /** A JSON reply whole; an event stream chunk by chunk as it comes (the floor for a streamed first byte). */
  private static Future<Void> relay(HttpClientResponse resp, HttpServerResponse out, boolean json) {
    String type = resp.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.startsWith("text/event-stream")) {
      out.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, type);
      return resp.pipeTo(out);
    }
    return resp.body().compose(reply -> {
      if (json) usageTokens(reply);
      return out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(reply);
    });
  }

  /** The body as a tree, its model's provider prefix dropped, written again. */
  private static Buffer renamed(Buffer body) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(body.getBytes());
      String model = tree.path("model").asText();
      tree.put("model", model.substring(model.indexOf('/') + 1));
      return Buffer.buffer(JSON.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reply's {@code usage.total_tokens}, its other top-level fields skipped unread; -1 when it has none. */
  private static long usageTokens(Buffer reply) {
    try (JsonParser p = JSON.getFactory().createParser(reply.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) return -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean usage = p.currentName().equals("usage");
        if (p.nextToken() == JsonToken.START_OBJECT && usage) {
          return JSON.<JsonNode>readTree(p).path("total_tokens").asLong(-1);
        }
        p.skipChildren();
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

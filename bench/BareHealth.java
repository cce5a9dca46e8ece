import ai.archon.gateway.ops.Transports;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/**
 * The floor under the gateway's {@code /health}: a Vert.x server that answers every request with the gateway's health
 * body and does nothing else. bench/abuse.py runs it beside the gateway while abusing the gateway, and probes both the
 * same way, so what the bare server's probes cost is what the machine (2 shared cores, the abusing client, the mock
 * upstream) charges any JVM for an answer, whatever the gateway does. Same transport and instances as the gateway.
 * Run: {@code java @jvm.options -cp target/archon-gateway.jar bench/BareHealth.java PORT}.
 */
public final class BareHealth extends VerticleBase {
  private static int port;

  public static void main(String[] args) {
    port = Integer.parseInt(args[0]);
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.builder().with(new VertxOptions())
        .withTransport(Transports.choose(System.getenv(Transports.ENV))).build();
    vertx.deployVerticle(BareHealth::new, new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("bare health listening on 127.0.0.1:" + port))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(req -> req.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\"}"))
        .listen(port, "127.0.0.1");
  }
}

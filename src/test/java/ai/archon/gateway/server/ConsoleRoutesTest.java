package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's routes: served on loopback by default with its libraries from the jar, switched off by
 * {@code server.console: false}, behind the admin key when one is set; the admin model graph and the reports folder.
 */
class ConsoleRoutesTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();

  @Test
  void servedOnLoopbackByDefaultWithItsLibraries() {
    String url = gateway.start(GatewayExtension.oneGenerator()).url();
    HttpResponse<String> page = Http.get(url + "/console/");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<title>Archon console</title>"));
    HttpResponse<String> redirect = Http.get(url + "/console");
    assertTrue(redirect.statusCode() == 302 || redirect.statusCode() == 200, "GET /console leads to the page");
    for (String lib : new String[] {"lib/alpine.min.js", "lib/echarts.min.js", "console.js", "console.css"}) {
      HttpResponse<String> r = Http.get(url + "/console/" + lib);
      assertEquals(200, r.statusCode(), lib);
      assertTrue(r.body().length() > 1000, lib);
    }
    assertTrue(Http.get(url + "/console/lib/alpine.min.js").body().contains("Alpine"));
    assertEquals(404, Http.get(url + "/console/nothing.js").statusCode());
  }

  @Test
  void offWhenTheSettingsSaySo() {
    String url = gateway.start(GatewayExtension.oneGenerator(), "{\"server\": {\"console\": false}}", 200).url();
    assertEquals(404, Http.get(url + "/console/").statusCode());
    assertEquals(404, Http.get(url + "/console/console.js").statusCode());
    assertEquals(200, Http.get(url + "/v1/archon/models").statusCode(), "the admin JSON stays: it is not the page");
  }

  @Test
  void behindTheAdminKeyWhenOneIsSet() {
    gateway.env().put("ARCHON_ADMIN_KEY", "admin-key");
    gateway.env().put("ARCHON_API_KEYS", "client-key");
    String url = gateway.start(GatewayExtension.oneGenerator()).url();
    for (String path : new String[] {"/console/", "/console/console.js", "/console/reports/x.html"}) {
      HttpResponse<String> refused = Http.get(url + path);
      assertEquals(401, refused.statusCode(), path);
      assertTrue(refused.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"),
          "a browser is asked for the key");
      assertEquals(401, Http.get(url + path, Map.of("authorization", "Bearer client-key")).statusCode(), path);
      assertEquals(401, Http.get(url + path, Map.of("authorization", basic("admin", "wrong"))).statusCode(), path);
    }
    assertEquals(200, Http.get(url + "/console/", Map.of("authorization", "Bearer admin-key")).statusCode());
    assertEquals(200, Http.get(url + "/console/", Map.of("authorization", basic("anyone", "admin-key"))).statusCode());
    for (String path : new String[] {"/v1/archon/models", "/v1/archon/reports"}) {
      assertEquals(401, Http.get(url + path, Map.of("authorization", "Bearer client-key")).statusCode(), path);
      assertEquals(200, Http.get(url + path, Map.of("authorization", "Bearer admin-key")).statusCode(), path);
    }
  }

  @Test
  void theAdminModelViewDrawsEachLayerAndNamesRejectedFiles() throws Exception {
    Path configs = TestGateway.configs(Map.of("broken.json", "{\"name\": \"broken\", \"layers\": []}"));
    Files.copy(Path.of("gateway-configs/demo-ensemble.json"), configs.resolve("demo-ensemble.json"));
    String url = TestGateway.start(gateway.vertx(), configs, Map.of(), null, 200, true).url();
    JsonNode body = Json.parse(Http.get(url + "/v1/archon/models").body());
    JsonNode demo = body.at("/data/0");
    assertEquals("demo-ensemble", demo.path("id").asText());
    assertTrue(demo.at("/archon/ready").asBoolean());
    assertEquals("demo-ensemble.json", demo.at("/archon/file").asText());
    JsonNode layers = demo.at("/archon/architecture");
    assertEquals(4, layers.size());
    assertEquals(3, layers.at("/0/components").size());
    JsonNode sage = layers.at("/0/components/0");
    assertEquals("generator", sage.path("type").asText());
    assertEquals("mock-sage@20ms", sage.path("model").asText());
    assertEquals("Mock", sage.path("provider").asText());
    assertEquals(2, sage.path("samples").asInt());
    assertEquals("fuser", layers.at("/3/components/0/type").asText());
    assertTrue(body.at("/rejected/0/file").asText().endsWith("broken.json"), body.toString());
    assertTrue(!body.at("/rejected/0/reason").asText().isBlank());
  }

  @Test
  void reportsAreListedAndServedFromTheConfiguredFolderOnly() throws Exception {
    Path reports = Files.createTempDirectory("reports");
    Files.writeString(reports.resolve("judged.html"), "<html><title>judged</title></html>");
    Files.writeString(reports.resolve("notes.txt"), "not a page");
    Path settings = GatewayExtension.settings("{\"server\": {\"console_reports\": \"" + reports + "\"}}");
    String url = TestGateway.start(gateway.vertx(), TestGateway.configs(GatewayExtension.oneGenerator()),
        gateway.env(), settings, 200).url();
    JsonNode list = Json.parse(Http.get(url + "/v1/archon/reports").body());
    assertEquals(1, list.path("reports").size(), list.toString());
    assertEquals("/console/reports/judged.html", list.at("/reports/0/url").asText());
    HttpResponse<String> page = Http.get(url + "/console/reports/judged.html");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>judged</title>"));
    assertEquals(404, Http.get(url + "/console/reports/notes.txt").statusCode());
    assertEquals(404, Http.get(url + "/console/reports/..%2Fetc%2Fpasswd.html").statusCode());
    assertEquals(404, Http.get(url + "/console/reports/missing.html").statusCode());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

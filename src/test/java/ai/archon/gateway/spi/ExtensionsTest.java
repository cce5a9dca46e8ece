package ai.archon.gateway.spi;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.LoadReport;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.spi.shouter.ShoutOptions;
import ai.archon.gateway.spi.shouter.ShoutingComponentType;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A component type and a model type added through the SPI (registered in this module's test META-INF/services). */
class ExtensionsTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();

  private static final String CUSTOM = "\"custom\":true";

  @Test
  void theExampleExtensionsAreFound() {
    Extensions extensions = Extensions.fromClassPath();
    assertTrue(extensions.componentTypes().get("shouter") instanceof ShoutingComponentType);
    assertTrue(extensions.modelTypes().get("Echo") instanceof EchoModelType);
  }

  @Test
  void aCustomComponentAndModelTypeRunEndToEnd() {
    MockUpstream upstream = gateway.upstream();
    upstream.respond("gpt", Reply.text("plain words"));
    String cfg = config("ext", layer(component("generator", "e1", "Echo", CUSTOM),
            component("generator", "gpt", "OpenAI_API", null)),
        layer(component("shouter", "loud", "Echo", CUSTOM + ",\"prefix\":\"> \"")));
    String url = gateway.start(Map.of("ext.json", cfg)).url();
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("ext", "hi there", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("> ECHO(LOUD): ECHO(E1): HI THERE", Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals(1, upstream.calls("gpt"));
  }

  @Test
  void extensionsNeedCustomTrue() {
    ConfigLoader loader = loaderWithExtensions();
    Path dir = TestGateway.configs(Map.of(
        "a.json", config("a", layer(component("generator", "e", "Echo", null))),
        "b.json", config("b", layer(component("generator", "g", "Mock", null)), layer(component("shouter", "s", "Mock", null)))));
    LoadReport report = loader.loadPaths(List.of(dir), null);
    assertEquals(2, report.errors().size(), report.errors().toString());
    assertTrue(report.errors().get(0).reason().contains("model_type Echo comes from an extension: mark the component "
        + "\"custom\": true"), report.errors().toString());
    assertTrue(report.errors().get(1).reason().contains("component type \"shouter\" comes from an extension"),
        report.errors().toString());
  }

  @Test
  void anExtensionTypeParsesAndValidatesItsOwnOptions() {
    ConfigLoader loader = loaderWithExtensions();
    Path dir = TestGateway.configs(Map.of(
        "good.json", config("good", layer(component("generator", "g", "Mock", null)),
            layer(component("shouter", "s", "Mock", CUSTOM + ",\"prefix\":\">> \""))),
        "bad.json", config("bad", layer(component("generator", "g", "Mock", null)),
            layer(component("shouter", "s", "Mock", CUSTOM + ",\"prefix\":5")))));
    LoadReport report = loader.loadPaths(List.of(dir), null);
    assertEquals(1, report.errors().size(), report.errors().toString());
    assertTrue(report.errors().get(0).reason().contains("\"prefix\" must be a string"), report.errors().toString());
    var shouter = report.byName().get("good").layers().get(1).get(0);
    assertEquals(new ShoutOptions(">> "), shouter.options());
  }

  /** A config loader that knows the class path's extensions, as Main builds it. */
  private static ConfigLoader loaderWithExtensions() {
    Extensions extensions = Extensions.fromClassPath();
    var settings = SettingsLoader.load(null, Map.of(), extensions);
    return ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED, extensions);
  }
}

package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.send_buffer_bytes}: the socket send buffer of inbound connections. */
class SendBufferSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();

  @Test
  void boundedByDefaultWithOrWithoutAFile() throws IOException {
    assertEquals(128 * 1024, Settings.DEFAULT_SEND_BUFFER_BYTES);
    assertEquals(Settings.DEFAULT_SEND_BUFFER_BYTES, settings.load("{}").sendBufferBytes());
    assertEquals(Settings.DEFAULT_SEND_BUFFER_BYTES, settings.load("{'server': {}}").sendBufferBytes());
    assertEquals(Settings.DEFAULT_SEND_BUFFER_BYTES, SettingsLoader.load(null, Map.of()).sendBufferBytes());
  }

  @Test
  void aSizeOrZeroForTheKernelsOwnSizing() throws IOException {
    assertEquals(65_536, settings.load("{'server': {'send_buffer_bytes': 65536}}").sendBufferBytes());
    assertEquals(0, settings.load("{'server': {'send_buffer_bytes': 0}}").sendBufferBytes());
    assertTrue(settings.warnings.isEmpty(), settings.warnings::toString);
  }

  @Test
  void aBadValueFailsNamingTheField() {
    for (String bad : new String[] {"-1", "'big'", "1.5", "4294967296"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> settings.load("{'server': {'send_buffer_bytes': " + bad + "}}"), bad);
      assertEquals("server.send_buffer_bytes", e.field(), bad);
    }
  }

  @Test
  void aConsoleChangeKeepsIt() throws IOException {
    Settings s = settings.load("{'server': {'send_buffer_bytes': 0}}");
    assertEquals(0, s.withConsole(ConsoleSettings.DEFAULT).sendBufferBytes());
  }
}

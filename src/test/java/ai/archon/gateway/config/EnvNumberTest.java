package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnvNumberTest {

  @Test
  void unsetOrBlankIsTheFallbackAndWholeNumbersFromZeroAreTaken() {
    assertEquals(20_000, EnvNumber.nonNegative("ARCHON_DRAIN_MS", null, 20_000, "milliseconds"));
    assertEquals(20_000, EnvNumber.nonNegative("ARCHON_DRAIN_MS", "  ", 20_000, "milliseconds"));
    assertEquals(0, EnvNumber.nonNegative("ARCHON_DRAIN_MS", "0", 20_000, "milliseconds"));
    assertEquals(1500, EnvNumber.nonNegative("ARCHON_DRAIN_MS", " 1500 ", 20_000, "milliseconds"));
  }

  @Test
  void anythingElseIsRefusedNamingTheVariableAndTheUnit() {
    for (String bad : new String[] {"-1", "1.5", "ten", "9999999999999999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EnvNumber.nonNegative("ARCHON_DRAIN_MS", bad, 20_000, "milliseconds"));
      assertEquals("ARCHON_DRAIN_MS must be a whole number of milliseconds, 0 or more, got '" + bad + "'",
          e.getMessage());
    }
  }
}

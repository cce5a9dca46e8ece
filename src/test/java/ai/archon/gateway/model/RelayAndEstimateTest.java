package ai.archon.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayAndEstimateTest {

  @Test
  void aRelayWrappedAgainIsTheSameRelaySoEveryLayerReadsOneFlag() {
    List<String> client = new ArrayList<>();
    Relay relay = Relay.of(client::add);
    assertSame(relay, Relay.of(relay));
    assertNull(Relay.of(null));
    assertFalse(Relay.started(relay));
    assertFalse(Relay.started(null));
    Relay.of(relay).accept("Hel");
    assertTrue(relay.started());
    assertTrue(Relay.started(relay));
    assertEquals(List.of("Hel"), client);
  }

  @Test
  void theEstimateIsAQuarterOfTheCharactersRoundedUpPlusTheOutputAllowance() {
    assertEquals(0, TokenEstimate.of(0, (Integer) null));
    assertEquals(1, TokenEstimate.of(1, (Integer) null));
    assertEquals(1, TokenEstimate.of(4, (Integer) null));
    assertEquals(2 + 100, TokenEstimate.of(5, 100));
    ChatRequest req = new ChatRequest("m", List.of(Message.user("12345678"), Message.user("9")), new Sampling(null, 50, null,
        List.of(), null, null), null, null);
    assertEquals(3 + 50, TokenEstimate.of(req));
  }
}

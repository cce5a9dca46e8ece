package ai.archon.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.transport.Transport;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransportsTest {
  private static final Set<Transport> ALL = Set.of(Transport.IO_URING, Transport.EPOLL);

  @Test
  void ioUringFirstThenEpollThenNio() {
    assertEquals(Transport.IO_URING, Transports.choose(null, ALL::contains));
    assertEquals(Transport.IO_URING, Transports.choose(" true ", ALL::contains));
    assertEquals(Transport.EPOLL, Transports.choose(null, Set.of(Transport.EPOLL)::contains));
    assertEquals(Transport.EPOLL, Transports.choose("io_uring", Set.of(Transport.EPOLL)::contains));
    assertEquals(Transport.NIO, Transports.choose("", Set.<Transport>of()::contains));
  }

  @Test
  void aChosenTransportOrNio() {
    assertEquals(Transport.EPOLL, Transports.choose("epoll", ALL::contains));
    assertEquals(Transport.NIO, Transports.choose("EPOLL", Set.<Transport>of()::contains));
    assertEquals(Transport.NIO, Transports.choose("false", ALL::contains));
    assertEquals(Transport.NIO, Transports.choose("nio", ALL::contains));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transports.choose("kqueue", ALL::contains));
    assertTrue(e.getMessage().contains("ARCHON_NATIVE_TRANSPORT"), e.getMessage());
  }
}

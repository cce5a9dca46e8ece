package ai.archon.gateway.config;

/**
 * What the settings say about every inbound connection: its timeouts ({@link ServerTimeouts}) and the size of its
 * socket send buffer ({@code server.send_buffer_bytes}; 0 = the kernel sizes it, see
 * {@link Settings#DEFAULT_SEND_BUFFER_BYTES}).
 */
public record ServerConnections(ServerTimeouts timeouts, int sendBufferBytes) {
  public static final ServerConnections DEFAULT =
      new ServerConnections(ServerTimeouts.DEFAULT, Settings.DEFAULT_SEND_BUFFER_BYTES);

  public ServerConnections {
    timeouts = timeouts == null ? ServerTimeouts.DEFAULT : timeouts;
  }
}

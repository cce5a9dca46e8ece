package ai.archon.gateway.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a bench command runs with besides its options: the environment, where its summary ({@code out}) and its
 * progress and notes ({@code err}) go, whether {@code err} is a terminal (a redrawn bar) and the first retry delay
 * (doubling). The architecture search runs bench and its judge with its own log and no terminal.
 */
public record CommandEnv(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal,
    long retryDelayMs) {

  /** The process's own: stdout, stderr, a terminal when there is a console, {@link BenchCommand#RETRY_DELAY_MS}. */
  public static CommandEnv system(Map<String, String> env) {
    return new CommandEnv(env, System.out, System.err, System.console() != null, BenchCommand.RETRY_DELAY_MS);
  }

  /** Both streams to {@code log}, no terminal: for a command run inside another. */
  public static CommandEnv logged(Map<String, String> env, PrintStream log, long retryDelayMs) {
    return new CommandEnv(env, log, log, false, retryDelayMs);
  }
}

package ai.archon.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A command run in process by a test: its exit code and what it wrote to each output stream (not a terminal). */
public class CommandOutput {
  /** A command writing to the two streams it is given, returning its exit code. */
  @FunctionalInterface
  public interface Command {
    int run(PrintStream out, PrintStream err);
  }

  public final int exitCode;
  public final String stdout;
  public final String stderr;

  protected CommandOutput(CommandOutput output) {
    this(output.exitCode, output.stdout, output.stderr);
  }

  private CommandOutput(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs {@code command}, capturing both streams as UTF-8. */
  public static CommandOutput capture(Command command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

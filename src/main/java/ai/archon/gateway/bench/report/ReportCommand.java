package ai.archon.gateway.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench report --out report.html INPUTS...}: one self-contained HTML page (leaderboard tables and charts)
 * from score results ({@code bench score --format json}) and answer files, each recognised by its content. Runs
 * before any event loop exists, so its file I/O blocks nothing.
 */
public final class ReportCommand {
  private ReportCommand() { }

  /** Runs with the arguments after {@code report}; exit code 0. Bad arguments or inputs throw IllegalArgumentException. */
  public static int run(String[] args, PrintStream out) {
    Path target = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--out")) {
        if (i + 1 >= args.length) throw new IllegalArgumentException("bench report: --out needs a file");
        target = Path.of(args[++i]);
      } else if (a.startsWith("--out=")) {
        target = Path.of(a.substring("--out=".length()));
      } else if (a.startsWith("--")) {
        throw new IllegalArgumentException("bench report: unknown option " + a);
      } else {
        inputs.add(Path.of(a));
      }
    }
    if (target == null) throw new IllegalArgumentException("bench report needs --out FILE");
    if (inputs.isEmpty()) throw new IllegalArgumentException("bench report needs at least one input file");
    ReportInputs in = ReportInputs.read(inputs);
    String html = ReportPage.render(in, Instant.now());
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(target, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("bench report: cannot write " + target, e);
    }
    long models = in.scores().stream().mapToLong(r -> r.models().size()).sum();
    out.printf("report: %s (%d score results, %d model rows, %d answers)%n", target, in.scores().size(), models,
        in.answers().size());
    return 0;
  }
}

package ai.archon.gateway.bench.search;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The search's JSON-lines files are appended to; a run killed mid-line must not glue the next line onto that one. */
final class Lines {
  private Lines() { }

  /** Ends {@code file} with a newline when its last line was cut short (that line is then skipped as unreadable). */
  static void endWithNewline(Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) return;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      f.seek(size - 1);
      if (f.read() == '\n') return;
    }
    Files.writeString(file, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}

package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON-lines answer file written as answers finish: each line is appended and flushed at once, so a killed run
 * keeps every finished answer. On resume the lines already there are kept (a torn last line from a kill is dropped)
 * and their keys are skipped. Blocking file I/O: callers off the event loop use {@code executeBlocking}.
 */
public final class AnswerLog implements AutoCloseable {
  private final Path file;
  private final Function<JsonNode, String> keyOf;
  private final Map<String, String> kept;
  private BufferedWriter out;

  private AnswerLog(Path file, Function<JsonNode, String> keyOf, Map<String, String> kept) throws IOException {
    this.file = file;
    this.keyOf = keyOf;
    this.kept = kept;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Opens {@code file}: with {@code resume}, keeps its sound lines (rewriting it when a line was torn or unreadable);
   * without, starts it empty.
   */
  public static AnswerLog open(Path file, boolean resume, Function<JsonNode, String> keyOf) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Map<String, String> kept = new LinkedHashMap<>();
    if (resume && Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      boolean damaged = !text.isEmpty() && !text.endsWith("\n");
      for (String line : text.split("\n")) {
        if (line.isBlank()) continue;
        String key = key(line, keyOf);
        if (key == null) damaged = true;
        else kept.put(key, line);
      }
      if (damaged) writeAtomically(file, kept.values());
    } else {
      Files.writeString(file, "", StandardCharsets.UTF_8);
    }
    return new AnswerLog(file, keyOf, kept);
  }

  public Path file() { return file; }

  /** The answer lines already in the file when it was opened, by key, in file order. */
  public Map<String, String> kept() { return kept; }

  /** Appends one answer line and flushes it to the file. */
  public synchronized void append(String line) throws IOException {
    out.write(line);
    out.write('\n');
    out.flush();
  }

  /** All sound lines now in the file, by key (a later line for the same key wins). */
  public synchronized Map<String, String> lines() throws IOException {
    out.flush();
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String key = line.isBlank() ? null : key(line, keyOf);
      if (key != null) byKey.put(key, line);
    }
    return byKey;
  }

  /** Rewrites the file with one line per key: those of {@code order} first, in that order, then any others. */
  public synchronized void rewriteInOrder(List<String> order) throws IOException {
    Map<String, String> byKey = lines();
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) rank.putIfAbsent(order.get(i), i);
    List<Map.Entry<String, String>> entries = new ArrayList<>(byKey.entrySet());
    entries.sort((a, b) -> Integer.compare(rank.getOrDefault(a.getKey(), Integer.MAX_VALUE),
        rank.getOrDefault(b.getKey(), Integer.MAX_VALUE)));
    out.close();
    writeAtomically(file, entries.stream().map(Map.Entry::getValue).toList());
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** Writes through a temporary file and a rename, so the target is never seen half written. */
  static void writeAtomically(Path target, Collection<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    writeAtomically(target, sb.toString());
  }

  public static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String key(String line, Function<JsonNode, String> keyOf) {
    try {
      return keyOf.apply(AnswerJson.parse(line));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

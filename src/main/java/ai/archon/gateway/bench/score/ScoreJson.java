package ai.archon.gateway.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading judgment files: whole JSON documents, JSON lines, and the {@code *.jsonl} files of a folder. */
final class ScoreJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ScoreJson() { }

  static JsonNode readTree(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The objects of a JSON-lines file (blank lines skipped); a bad line names the file and line. */
  static List<JsonNode> readLines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          out.add(MAPPER.readTree(line));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + " line " + n + ": not valid JSON");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return out;
  }

  /** The path itself when it is a file, else the folder's files ending in {@code suffix}, sorted by name. */
  static List<Path> files(Path path, String suffix) {
    if (Files.isRegularFile(path)) return List.of(path);
    if (!Files.isDirectory(path)) throw new IllegalArgumentException(path + " does not exist");
    try (Stream<Path> s = Files.list(path)) {
      List<Path> found = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted()
          .toList();
      if (found.isEmpty()) throw new IllegalArgumentException(path + " holds no *" + suffix + " judgment file");
      return found;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage());
    }
  }
}

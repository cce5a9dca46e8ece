package ai.archon.gateway.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads question files: JSON lines (one object per line) or one JSON array of objects. Problems name the file and
 * line.
 */
public final class QuestionFiles {
  private QuestionFiles() { }

  /** The objects of {@code file}. */
  public static List<ObjectNode> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The questions of {@code file}, one per object: {@code question} gets each object and where it stands for
   * problems ({@code <label> <n>}, counting from 1), and may throw {@link IllegalArgumentException}.
   */
  static List<Question> map(Path file, String label, BiFunction<ObjectNode, String, Question> question) {
    List<ObjectNode> rows = read(file);
    List<Question> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) out.add(question.apply(rows.get(i), label + " " + (i + 1)));
    return out;
  }

  static List<ObjectNode> parse(String text, String where) {
    List<ObjectNode> out = new ArrayList<>();
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("[")) {
      JsonNode array = parseJson(trimmed, where);
      for (int i = 0; i < array.size(); i++) out.add(object(array.get(i), where + " item " + (i + 1)));
      return out;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      out.add(object(parseJson(lines[i], where + " line " + (i + 1)), where + " line " + (i + 1)));
    }
    return out;
  }

  /** A required string field, byte for byte as in the file. */
  static String text(ObjectNode q, String field, String where) {
    JsonNode v = q.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string");
    return v.textValue();
  }

  private static JsonNode parseJson(String text, String where) {
    try {
      return AnswerJson.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object(JsonNode n, String where) {
    if (!(n instanceof ObjectNode)) throw new IllegalArgumentException(where + ": expected a JSON object");
    return (ObjectNode) n;
  }
}

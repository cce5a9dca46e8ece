package ai.archon.gateway.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AlpacaEval {@code annotations.json} files (a JSON array of records with {@code output_1}, {@code output_2},
 * {@code generator_1}, {@code generator_2}, {@code preference}) and groups the records by model, keeping file order:
 * the length-controlled GLM looks instruction difficulty up by a record's position in its model's file.
 */
public final class AlpacaAnnotations {
  private AlpacaAnnotations() { }

  /** Records per model ({@code generator_2}), in the order the files and records come. */
  public static Map<String, List<AlpacaRecord>> read(List<Path> paths) {
    Map<String, List<AlpacaRecord>> byModel = new LinkedHashMap<>();
    for (Path p : paths) {
      Path file = Files.isDirectory(p) ? p.resolve("annotations.json") : p;
      for (AlpacaRecord r : readFile(file)) {
        byModel.computeIfAbsent(r.generator2(), k -> new ArrayList<>()).add(r);
      }
    }
    return byModel;
  }

  static List<AlpacaRecord> readFile(Path file) {
    JsonNode root = ScoreJson.readTree(file);
    if (!root.isArray()) throw new IllegalArgumentException(file + ": an annotations file is a JSON array of records");
    List<AlpacaRecord> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode r = root.get(i);
      String where = file + " record " + (i + 1);
      JsonNode pref = r.get("preference");
      double preference = pref != null && pref.isNumber() ? pref.doubleValue() : Double.NaN;
      out.add(new AlpacaRecord(text(r, "generator_1", where), text(r, "generator_2", where), preference,
          length(r, "output_1", where), length(r, "output_2", where)));
    }
    return out;
  }

  private static String text(JsonNode r, String field, String where) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string");
    return v.textValue();
  }

  private static int length(JsonNode r, String field, String where) {
    String s = text(r, field, where);
    return s.codePointCount(0, s.length());
  }
}

package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's inputs, each file recognised by its content (never by its name): a score result (one JSON object with
 * {@code benchmark} and {@code models}), an AlpacaEval answer file (a JSON array of {@code instruction, output,
 * generator} records), or JSON-lines answers in any format {@code bench} writes. Scores of one benchmark given in
 * several files are merged by model name, a later file's row replacing an earlier one.
 */
record ReportInputs(List<ScoreResult> scores, List<AnswerPoint> answers, List<String> files) {
  static final ObjectMapper MAPPER = new ObjectMapper();

  ReportInputs {
    scores = List.copyOf(scores);
    answers = List.copyOf(answers);
    files = List.copyOf(files);
  }

  /** Reads every file; a file that is none of the known kinds is an error naming it. */
  static ReportInputs read(List<Path> paths) {
    Map<String, Map<String, ObjectNode>> scored = new LinkedHashMap<>();
    List<AnswerPoint> answers = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Path path : paths) {
      List<JsonNode> values = values(path);
      if (values.size() == 1 && isScoreResult(values.get(0))) {
        ScoreResult r = scoreResult(values.get(0), path);
        Map<String, ObjectNode> rows = scored.computeIfAbsent(r.benchmark(), b -> new LinkedHashMap<>());
        r.models().forEach(m -> rows.put(m.get("model").textValue(), m));
      } else {
        boolean array = values.size() == 1 && values.get(0).isArray();
        answers.addAll(AnswerRecords.read(array ? list(values.get(0)) : values, path.toString()));
      }
      files.add(path.toString());
    }
    List<ScoreResult> scores = new ArrayList<>();
    for (String b : Benchmarks.SCORED) {
      if (scored.containsKey(b)) scores.add(new ScoreResult(b, new ArrayList<>(scored.get(b).values())));
    }
    return new ReportInputs(scores, answers, files);
  }

  /** Every top-level JSON value in the file: one for a JSON document, one per line for JSON lines. */
  private static List<JsonNode> values(Path path) {
    if (!Files.isRegularFile(path)) throw new IllegalArgumentException("report input " + path + " is not a file");
    List<JsonNode> out;
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class)
        .readValues(Files.readString(path, StandardCharsets.UTF_8))) {
      out = it.readAll();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("report input " + path + " is not JSON or JSON lines: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("report input " + path + " is empty");
    return out;
  }

  private static boolean isScoreResult(JsonNode n) {
    return n.isObject() && n.path("benchmark").isTextual() && n.path("models").isArray();
  }

  private static ScoreResult scoreResult(JsonNode n, Path path) {
    String benchmark = n.get("benchmark").textValue();
    if (!Benchmarks.SCORED.contains(benchmark)) {
      throw new IllegalArgumentException(path + ": unknown benchmark \"" + benchmark + "\" (expected one of "
          + String.join(", ", Benchmarks.SCORED) + ")");
    }
    List<ObjectNode> models = new ArrayList<>();
    int i = 0;
    for (JsonNode m : n.get("models")) {
      i++;
      if (!m.isObject() || !m.path("model").isTextual()) {
        throw new IllegalArgumentException(path + ": models[" + (i - 1) + "] needs a string \"model\"");
      }
      models.add((ObjectNode) m);
    }
    return new ScoreResult(benchmark, models);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}

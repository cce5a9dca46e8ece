package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What a built-in benchmark declares once, in its constructor, instead of one method each: its name, its official
 * question set (null: none), whether its lines escape non-ASCII, its questions' reader and the field of an answer
 * line that holds the question's key. A benchmark then writes only its answer line ({@link #record}).
 */
abstract class BuiltinBenchmark implements Benchmark {
  private final Identity identity;
  private final Function<Path, List<Question>> reader;

  /** Names and flags: see the class comment. */
  record Identity(String name, PinnedFile questionSet, boolean asciiOnly, String keyField) { }

  BuiltinBenchmark(Identity identity, Function<Path, List<Question>> reader) {
    this.identity = identity;
    this.reader = reader;
  }

  @Override public final String name() { return identity.name(); }

  @Override public final List<Question> read(Path file) { return reader.apply(file); }

  @Override public final PinnedFile questionSet() { return identity.questionSet(); }

  @Override public final boolean asciiOnly() { return identity.asciiOnly(); }

  /** A new answer line holding the question's key in the key field, first (field order matters to some judges). */
  final ObjectNode keyed(Answered a) {
    return AnswerJson.object().put(identity.keyField(), a.question().key());
  }

  /** The key field's text (numbers as written); null when the line has none. */
  @Override
  public String keyOf(JsonNode record) {
    JsonNode id = record.get(identity.keyField());
    return id == null ? null : id.asText();
  }
}

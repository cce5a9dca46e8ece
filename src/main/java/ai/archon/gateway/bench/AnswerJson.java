package ai.archon.gateway.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * How answer records are read and written. Lines look like Python's {@code json.dumps} (", " and ": " separators;
 * non-ASCII escaped where the official writer escapes it, i.e. FastChat and Arena-Hard v0.1, and raw UTF-8 where it
 * passes {@code ensure_ascii=False}, Arena-Hard v2.0), so an answer file diffs cleanly against the official ones.
 */
public final class AnswerJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter UTF8 = MAPPER.writer(new PythonSeparators());
  private static final ObjectWriter ASCII = UTF8.with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private AnswerJson() { }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** One JSON line (no newline). */
  public static String line(JsonNode node, boolean asciiOnly) {
    try {
      return (asciiOnly ? ASCII : UTF8).writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  /** Seconds since the epoch as a plain decimal (no exponent), as Python writes {@code time.time()}. */
  public static DecimalNode seconds(double epochSeconds) {
    return DecimalNode.valueOf(new BigDecimal(new BigDecimal(Double.toString(epochSeconds)).toPlainString()));
  }

  private static final class PythonSeparators extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}

package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;

/** Warnings and failures about one settings file, each naming the file and the field. */
record FileFields(Path file, Consumer<String> warnings) {

  void warnUnknown(JsonNode obj, String field, Set<String> known) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) warn(field + "." + key, "unknown key" + KeySuggester.hint(key, known) + " ignored");
    }
  }

  void warn(String field, String message) {
    warnings.accept(file + ": " + field + ": " + message);
  }

  ConfigException fail(String field, String reason) {
    return new ConfigException(file, field, reason);
  }
}

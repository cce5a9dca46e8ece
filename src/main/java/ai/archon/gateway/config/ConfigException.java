package ai.archon.gateway.config;

import java.nio.file.Path;

/**
 * A settings file (or a setting taken from the environment) that cannot be used; the message names the file or
 * variable and the field, so it can be shown to the user as is.
 */
public class ConfigException extends IllegalArgumentException {
  /** The file, the field (as the problem's {@code where}) and the reason; transient as a Path does not serialize. */
  private final transient ConfigProblem problem;

  public ConfigException(Path file, String field, String reason) {
    super(message(file, field, reason));
    this.problem = new ConfigProblem(file, field, reason);
  }

  /** What is wrong, without the file and field. */
  public String reason() { return problem.reason(); }

  /** The file at fault, or null when the problem comes from the environment. */
  public Path file() { return problem.file(); }

  /** The field at fault, e.g. {@code providers.DeepSeek_API.base_url}, or empty for the whole file. */
  public String field() { return problem.where(); }

  private static String message(Path file, String field, String reason) {
    StringBuilder sb = new StringBuilder();
    if (file != null) sb.append(file).append(": ");
    if (field != null && !field.isEmpty()) sb.append(field).append(": ");
    return sb.append(reason).toString();
  }
}

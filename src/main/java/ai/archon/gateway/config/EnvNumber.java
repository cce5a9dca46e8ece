package ai.archon.gateway.config;

/** A whole number from an environment variable ({@code ARCHON_DRAIN_MS}, {@code ARCHON_WARMUP_REQUESTS}). */
public final class EnvNumber {
  private EnvNumber() { }

  /**
   * {@code value} as a whole number of {@code unit}, 0 or more; {@code fallback} when it is unset or blank.
   *
   * @throws IllegalArgumentException naming {@code name} when it is anything else
   */
  public static long nonNegative(String name, String value, long fallback, String unit) {
    if (value == null || value.isBlank()) return fallback;
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw new IllegalArgumentException(name + " must be a whole number of " + unit + ", 0 or more, got '" + value + "'");
  }
}

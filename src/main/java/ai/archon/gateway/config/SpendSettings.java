package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The settings file's {@code spend} section: gateway-wide budgets per virtual model ({@code budgets}, by the model
 * name clients send) and the file where a gateway without Redis keeps its spend counters across restarts
 * ({@code file}; null = {@link #DEFAULT_FILE} in the working directory once any budget is set, else not kept).
 */
public record SpendSettings(Map<String, Budget> budgets, Path file) {
  public static final String DEFAULT_FILE = "archon-spend.json";
  public static final SpendSettings NONE = new SpendSettings(Map.of(), null);

  public SpendSettings {
    budgets = Map.copyOf(budgets);
  }
}

package ai.archon.gateway.config;

import java.util.List;

/**
 * One gateway key a client may present ({@code Authorization: Bearer <key>}): the variable that holds it, a name for
 * logs and the admin view, its own limits (0 = unlimited), the models it may use ({@code *} = all) and its spend
 * budget (null = none).
 */
public record ClientKeySpec(String keyEnv, String name, long rpm, long tpm, List<String> models, Budget budget) {
  public ClientKeySpec {
    models = List.copyOf(models);
  }

  public ClientKeySpec(String keyEnv, String name, long rpm, long tpm, List<String> models) {
    this(keyEnv, name, rpm, tpm, models, null);
  }

  /** True when this key may use {@code model}. */
  public boolean allows(String model) {
    return models.contains("*") || models.contains(model);
  }
}

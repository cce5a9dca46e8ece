package ai.archon.gateway.resilience;

import ai.archon.gateway.config.ClientKeySpec;
import ai.archon.gateway.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway keys clients must present: every key in {@code ARCHON_API_KEYS} (comma-separated, no limits, all
 * models) and every settings {@code keys} entry whose variable is set. Only SHA-256 digests are kept and compared
 * in constant time; key values are never logged. When any key is configured, requests need one (even if a settings
 * key's variable is unset: the gateway fails closed).
 */
public final class ClientKeys {
  public static final String ENV = "ARCHON_API_KEYS";
  private final List<ClientKey> keys;
  private final boolean required;

  private ClientKeys(List<ClientKey> keys, boolean required) {
    this.keys = List.copyOf(keys);
    this.required = required;
  }

  /** One accepted key: its name, limits, model allow-list and request/token accounting. */
  public record ClientKey(String name, ClientKeySpec spec, Limiter limiter, byte[] digest) { }

  public static ClientKeys from(Settings settings, Consumer<String> warnings) {
    return from(settings, warnings, Limiters.LOCAL);
  }

  /** With {@code limiters} making each key's rpm/tpm limiter (shared across replicas when Redis is set). */
  public static ClientKeys from(Settings settings, Consumer<String> warnings, Limiters limiters) {
    List<ClientKey> keys = new ArrayList<>();
    boolean required = false;
    String list = settings.env().get(ENV);
    if (list != null && !list.isBlank()) {
      int i = 0;
      for (String k : list.split(",")) {
        if (k.isBlank()) continue;
        String name = ENV + "[" + i++ + "]";
        keys.add(new ClientKey(name, new ClientKeySpec(ENV, name, 0, 0, List.of("*")),
            new LocalLimiter("key", name, 0, 0), digest(k.strip())));
        required = true;
      }
    }
    for (ClientKeySpec spec : settings.governance().keys()) {
      required = true;
      String value = settings.env().get(spec.keyEnv());
      if (value == null || value.isBlank()) {
        warnings.accept("gateway key '" + spec.name() + "': variable " + spec.keyEnv() + " is not set; that key is refused");
        continue;
      }
      keys.add(new ClientKey(spec.name(), spec, limiters.create("key", spec.name(), spec.rpm(), spec.tpm()),
          digest(value.strip())));
    }
    return new ClientKeys(keys, required);
  }

  /** A set of one key (the admin key). */
  public static ClientKeys single(String key) {
    ClientKeySpec spec = new ClientKeySpec("-", "admin", 0, 0, List.of("*"));
    return new ClientKeys(List.of(new ClientKey("admin", spec, new LocalLimiter("key", "admin", 0, 0), digest(key))), true);
  }

  /** Every accepted key (names, specs and limiters; never the key values, which are not kept). */
  public List<ClientKey> all() { return keys; }

  /** True when requests must carry a key. */
  public boolean required() { return required; }

  /** The key matching {@code presented}, or null. Looks at every key, so timing says nothing about which matched. */
  public ClientKey match(String presented) {
    if (presented == null || presented.isEmpty()) return null;
    byte[] d = digest(presented);
    ClientKey found = null;
    for (ClientKey k : keys) {
      if (MessageDigest.isEqual(d, k.digest()) && found == null) found = k;
    }
    return found;
  }

  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

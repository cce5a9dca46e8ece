package ai.archon.gateway.scale;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.config.CacheSettings;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ParsedChat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The exact response cache: decides whether a request may be answered from it (temperature 0, or the header
 * {@code x-archon-cache: on}; {@code off} always bypasses), and keys an answer by the architecture version (the
 * config's content hash, so editing a config invalidates its entries), the messages and every parameter that
 * shapes the answer.
 */
public final class ExactCache {
  public static final String HEADER = "x-archon-cache";
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)
  private final ResponseCache store;
  private final CacheSettings defaults;
  private final GatewayEvents events;

  public ExactCache(ResponseCache store, CacheSettings defaults, GatewayEvents events) {
    this.store = store;
    this.defaults = defaults;
    this.events = events;
  }

  /**
   * The cache key for this request, or null when it must not use the cache. {@code client} identifies the gateway
   * key that asked (empty without keys); it is part of the key unless the cache's scope is {@code global}, so one
   * key's answers never reach another.
   */
  public String keyFor(EnsembleSpec spec, ParsedChat chat, String header, String client) {
    String h = header == null ? "" : header.strip().toLowerCase(java.util.Locale.ROOT);
    boolean deterministic = chat.overrides().temperature() != null && chat.overrides().temperature() == 0.0;
    if (h.equals("off") || !settings(spec).enabled() || !(h.equals("on") || deterministic)) {
      events.cacheLookup(chat.model(), "bypass");
      return null;
    }
    return key(spec, chat, settings(spec).global() ? "" : client);
  }

  /** The answer kept for {@code key}, or null. */
  public Future<CachedAnswer> get(String key, EnsembleSpec spec, String model) {
    return store.get(key, settings(spec)).onSuccess(a -> events.cacheLookup(model, a == null ? "miss" : "hit"));
  }

  /** Keeps a fresh answer. */
  public void put(String key, EnsembleSpec spec, PipelineResult result) {
    store.put(key, new CachedAnswer(result.answers(), result.usage()), settings(spec));
  }

  private CacheSettings settings(EnsembleSpec spec) {
    return spec.cache() == null ? defaults : spec.cache().over(defaults);
  }

  static String key(EnsembleSpec spec, ParsedChat chat, String client) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("v", 1);
    if (!client.isEmpty()) n.put("client", client);
    n.put("architecture", spec.sha256());
    n.put("model", spec.name());
    ArrayNode messages = n.putArray("messages");
    for (Message m : chat.messages()) messages.addArray().add(m.role()).add(m.content());
    Overrides o = chat.overrides();
    ObjectNode p = n.putObject("parameters");
    p.put("temperature", o.temperature());
    p.put("max_tokens", o.maxTokens());
    p.put("top_p", o.topP());
    ArrayNode stop = p.putArray("stop");
    o.stop().forEach(stop::add);
    p.put("seed", o.seed());
    p.put("user", o.user());
    p.put("n", chat.n());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(n.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

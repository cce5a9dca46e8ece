package ai.archon.gateway.provider;

import ai.archon.gateway.config.ProviderSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;

/**
 * What every HTTP adapter holds: its provider entry, its key (null when the endpoint takes none) and the exchange
 * machinery keyed with it, so that the adapters keep only their URL and their wire mapping.
 */
record ProviderLink(ProviderSpec spec, String apiKey, HttpCalls calls) {

  static ProviderLink of(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull, Timeouts timeouts) {
    return new ProviderLink(spec, apiKeyOrNull, new HttpCalls(vertx, http, spec.modelType(), timeouts, apiKeyOrNull));
  }

  /** The model_type the adapter serves. */
  String name() {
    return spec.modelType();
  }

  /** The entry's base URL without a trailing slash, or {@code fallback} (the vendor's public API) when it has none. */
  String baseUrlOr(String fallback) {
    return Urls.trimSlash(spec.baseUrl() == null || spec.baseUrl().isBlank() ? fallback : spec.baseUrl());
  }

  /** {@code Bearer <key>}, or null without a key. */
  String bearer() {
    return apiKey == null ? null : "Bearer " + apiKey;
  }
}

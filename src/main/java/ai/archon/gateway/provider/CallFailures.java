package ai.archon.gateway.provider;

import ai.archon.gateway.model.MemoryBudget;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.UpstreamException;
import io.vertx.core.buffer.Buffer;

/**
 * The failures of one provider's HTTP calls, named for the provider and model and never carrying the API key: I/O
 * errors and timeouts fail with status 0; a 2xx reply that cannot be read with the reply's status and code {@code
 * bad_response} (not retryable); a cancelled call with status 0 and code {@code cancelled} (not retryable); a non-2xx
 * answer with its status and the error body's message (see {@link ErrorBodies#errorDetail(Buffer)}).
 */
final class CallFailures {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpCalls.class);

  private final String provider;
  private final String secret;

  /** @param secret the API key, masked in any text taken from upstream; may be null */
  CallFailures(String provider, String secret) {
    this.provider = provider;
    this.secret = secret == null || secret.isEmpty() ? null : secret;
  }

  /** The failure for a call cancelled through its {@link CallContext}. */
  UpstreamException cancelled(String model) {
    return new UpstreamException(provider, 0, "cancelled", false, provider + " (" + model + ") call cancelled");
  }

  /** The failure for a 2xx reply that could not be understood; keeps an {@link UpstreamException} as it is. */
  UpstreamException unreadable(Throwable t, String model, int status) {
    if (t instanceof UpstreamException) return (UpstreamException) t;
    return new UpstreamException(provider, status, "bad_response", false,
        provider + " (" + model + ") sent a reply that could not be read (" + t.getClass().getSimpleName() + ")");
  }

  /** The failure for a request path no HTTP request line may carry, refused before a connection is taken. */
  UpstreamException unwritable(String model) {
    return new UpstreamException(provider, 400, "invalid_request", false,
        provider + " (" + model + ") request path has characters no HTTP request line may carry");
  }

  /** The failure for silence longer than the idle timeout. */
  UpstreamException idle(String model, long idleMs) {
    return UpstreamException.of(provider, model, 0, "no data for " + idleMs + " ms");
  }

  /** The failure for a non-2xx answer; {@code head} is the start of its body, or null when it could not be read. */
  UpstreamException errorReply(String model, int status, Buffer head, long retryAfterMs) {
    return UpstreamException.of(provider, model, status, head == null ? null : mask(ErrorBodies.errorDetail(head)))
        .withRetryAfter(retryAfterMs);
  }

  /** Any failure of an exchange as the caller sees it: upstream ones as they are, the rest as cancelled or I/O. */
  Throwable translate(Throwable t, String model, CallContext ctx) {
    if (t instanceof UpstreamException || t instanceof MemoryBudget.ExhaustedException) return t;
    if (ctx.cancelled()) return cancelled(model);
    LOG.debug("{} ({}) call failed", provider, model, t);
    UpstreamException e = UpstreamException.of(provider, model, 0, IoFailures.describe(t));
    e.initCause(t);
    return e;
  }

  private String mask(String text) {
    if (text == null || secret == null) return text;
    return text.replace(secret, "***");
  }
}

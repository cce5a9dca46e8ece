package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

/**
 * What a client-chosen model name may hold: no provider names a model with whitespace or control characters, and a
 * pass-through name ends up in a provider URL (Gemini, Bedrock), so such a name is a clear 400 here instead of a
 * request line the HTTP codec refuses.
 */
final class ModelNames {
  /** Longer than any provider's model id or ARN; a bound on what reaches logs and URLs. */
  static final int MAX_LENGTH = 256;

  private ModelNames() { }

  static void check(String model) {
    if (model.length() > MAX_LENGTH) {
      throw ApiException.invalid("model", "'model' is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < model.length(); i++) {
      char c = model.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        throw ApiException.invalid("model", "'model' must not contain whitespace or control characters");
      }
    }
  }
}

package ai.archon.gateway.model;

/**
 * The one token estimate the rate limiters reserve against before an answer says how many were used: about four
 * characters (or bytes of a client's body) per prompt token, plus the output allowance ({@code max_tokens}).
 */
public final class TokenEstimate {
  private TokenEstimate() { }

  /** {@code ceil(chars / 4) + maxTokens}; a null {@code maxTokens} counts as no output allowance. */
  public static long of(long chars, Integer maxTokens) {
    return of(chars, maxTokens == null ? 0L : maxTokens.longValue());
  }

  /** {@code ceil(chars / 4) + maxTokens}. */
  public static long of(long chars, long maxTokens) {
    return (chars + 3) / 4 + maxTokens;
  }

  /** The estimate of a chat request: the text of its messages and its output limit. */
  public static long of(ChatRequest request) {
    long chars = 0;
    for (Message m : request.messages()) chars += m.content() == null ? 0 : m.content().length();
    return of(chars, request.maxTokens());
  }
}

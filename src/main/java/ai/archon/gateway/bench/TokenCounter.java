package ai.archon.gateway.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * BPE token counts as tiktoken gives them with {@code disallowed_special=()}: special-token text such as
 * {@code <|endoftext|>} counts as ordinary text. cl100k_base is Arena-Hard v0.1's (gpt-3.5-turbo) and o200k_base
 * v2.0's (gpt-4o). Encodings are thread-safe.
 */
final class TokenCounter {
  static final TokenCounter CL100K = new TokenCounter(EncodingType.CL100K_BASE);
  static final TokenCounter O200K = new TokenCounter(EncodingType.O200K_BASE);

  private final EncodingType type;
  private volatile Encoding encoding;

  private TokenCounter(EncodingType type) {
    this.type = type;
  }

  int count(String text) {
    Encoding e = encoding;
    if (e == null) {
      // Loading a vocabulary takes a moment and memory, so only the one a run needs is loaded.
      e = Encodings.newLazyEncodingRegistry().getEncoding(type);
      encoding = e;
    }
    return e.countTokensOrdinary(text);
  }
}

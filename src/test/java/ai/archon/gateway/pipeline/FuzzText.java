package ai.archon.gateway.pipeline;

import java.util.Random;

/** Random replies for the parsers' fuzz tests: mostly {@code alphabet}, now and then any character below U+3000. */
final class FuzzText {
  private FuzzText() { }

  /** Up to {@code maxLength - 1} characters; each is an arbitrary one with a chance of one in {@code oddOneIn}. */
  static String next(Random rnd, String alphabet, int maxLength, int oddOneIn) {
    int len = rnd.nextInt(maxLength);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(rnd.nextInt(oddOneIn) == 0 ? (char) rnd.nextInt(0x3000) : alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}

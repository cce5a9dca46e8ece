package ai.archon.gateway.bench;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random 22-character ids in the alphabet of Python's {@code shortuuid} (a uuid4 in base 57), as FastChat and
 * Arena-Hard write in {@code answer_id}/{@code ans_id}.
 */
final class ShortUuid {
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LENGTH = 22;

  private ShortUuid() { }

  static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    BigInteger n = new BigInteger(1, b);
    StringBuilder out = new StringBuilder();
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    while (out.length() < LENGTH) out.append(ALPHABET.charAt(0));
    return out.reverse().toString();
  }
}

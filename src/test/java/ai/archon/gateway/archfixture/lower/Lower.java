package ai.archon.gateway.archfixture.lower;

import ai.archon.gateway.archfixture.upper.Upper;

/** The other half of the deliberate cycle: a lower package importing an upper one. */
public final class Lower {
  public Upper upper() { return new Upper(); }
}

package ai.archon.gateway.archfixture.upper;

import ai.archon.gateway.archfixture.lower.Lower;

/** Half of a deliberate package cycle for {@code ArchitectureTest} (the test of the test); never used elsewhere. */
public final class Upper {
  public Lower lower() { return new Lower(); }
}

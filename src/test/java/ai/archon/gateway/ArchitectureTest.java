package ai.archon.gateway;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages pointing one way: no cycle between top-level packages (a package's sub-packages, such as
 * {@code provider/openai}, count as that package), and no import of a package above, in the order of
 * {@link #LAYERS}. The README's layout section lists the same order.
 */
class ArchitectureTest {
  private static final String BASE = "ai.archon.gateway";

  /** Top to bottom; each package may import only those below it ("" is the root package: Main). */
  static final List<String> LAYERS = List.of("", "bench", "cli", "ops", "server", "facade", "assembly", "spi",
      "scale", "api", "pipeline", "resilience", "provider", "observe", "config", "model");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(BASE);

  @Test
  void noPackageCycles() {
    cycleRule(BASE).check(MAIN);
  }

  @Test
  void everyImportPointsDown() {
    layerRule(BASE, LAYERS).check(MAIN);
  }

  /** The test of the test: two test-only packages that import each other break both rules. */
  @Test
  void theRulesCatchADeliberateCycle() {
    String fixture = BASE + ".archfixture";
    JavaClasses classes = new ClassFileImporter().importPackages(fixture);
    assertTrue(cycleRule(fixture).evaluate(classes).hasViolation(), "the cycle rule missed upper <-> lower");
    assertTrue(layerRule(fixture, List.of("upper", "lower")).evaluate(classes).hasViolation(),
        "the layer rule missed lower importing upper");
  }

  /** Slices by the first package level under {@code root}, so sub-packages belong to their parent. */
  static ArchRule cycleRule(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  /** Each layer may access only the layers after it in {@code order}; the last may access none. */
  static ArchRule layerRule(String root, List<String> order) {
    LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String layer : order) {
      arch = arch.layer(name(layer)).definedBy(layer.isEmpty() ? root : root + "." + layer + "..");
    }
    for (int i = 0; i < order.size(); i++) {
      String[] below = order.subList(i + 1, order.size()).stream().map(ArchitectureTest::name).toArray(String[]::new);
      arch = below.length == 0 ? arch.whereLayer(name(order.get(i))).mayNotAccessAnyLayer()
          : arch.whereLayer(name(order.get(i))).mayOnlyAccessLayers(below);
    }
    return arch;
  }

  private static String name(String layer) {
    return layer.isEmpty() ? "root" : layer;
  }
}

package ai.archon.gateway;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

  /** A main source file longer than this holds more than one role: split it by role (issue 21). */
  static final int MAX_LINES = 300;

  @Test
  void noMainSourceIsOverThreeHundredLines() throws IOException {
    List<String> over = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        long lines = Files.readAllLines(f).size();
        if (lines > MAX_LINES) over.add(f + " (" + lines + ")");
      }
    }
    assertTrue(!over.isEmpty() || Files.isDirectory(Path.of("src/main/java")), "run from the project folder");
    assertEquals(List.of(), over, "split these by role");
  }

  /** More parameters than this is a group of values that wants its own record (issue 21). */
  static final int MAX_PARAMETERS = 6;

  /** Methods and constructors, records' canonical constructors (their components) included. */
  @Test
  void noMethodTakesMoreThanSixParameters() {
    List<String> over = new ArrayList<>();
    for (JavaClass c : MAIN) {
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (declaredParameters(c, u) > MAX_PARAMETERS) {
          over.add(name(c, u) + " (" + declaredParameters(c, u) + ")");
        }
      }
    }
    assertEquals(List.of(), over, "group related parameters into a record");
  }

  /** {@code Class.method} or {@code Class.<init>}, the class by its simple name within the base package. */
  private static String name(JavaClass c, JavaCodeUnit u) {
    return c.getName().substring(BASE.length() + 1) + "." + u.getName();
  }

  /**
   * The parameters the source declares: the compiler adds the outer instance to an inner class's constructors, the
   * name and ordinal to an enum's, and captured variables to a local or anonymous class's; lambdas' bodies and
   * bridges are its own methods.
   */
  private static int declaredParameters(JavaClass c, JavaCodeUnit u) {
    if (u.getModifiers().contains(JavaModifier.SYNTHETIC) || u.getModifiers().contains(JavaModifier.BRIDGE)) return 0;
    if (!u.isConstructor()) return u.getRawParameterTypes().size();
    if (c.isAnonymousClass() || c.isLocalClass()) return 0;
    int implicit = c.isEnum() ? 2 : c.isInnerClass() && !c.getModifiers().contains(JavaModifier.STATIC) ? 1 : 0;
    return u.getRawParameterTypes().size() - implicit;
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

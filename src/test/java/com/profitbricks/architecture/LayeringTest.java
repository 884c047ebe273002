package com.profitbricks.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.architecture.sample.operator.kinds.alpha.AlphaOps;
import com.profitbricks.architecture.sample.operator.kinds.beta.BetaOps;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the code base, kept true by the build: the client, the simulator and the
 * operator in one direction; inside the operator, kinds that use the engine and never each other.
 */
class LayeringTest {
  static JavaClasses main;

  /** A kind's package may use the engine and the shared packages, never another kind's. */
  static final ArchRule KINDS_ARE_INDEPENDENT =
      slices()
          .matching("..operator.kinds.(*)..")
          .namingSlices("kind $1")
          .should()
          .notDependOnEachOther();

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.profitbricks");
  }

  @Test
  void theClientKnowsNoKubernetesNoOperatorAndNoSimulator() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "io.javaoperatorsdk..",
            "io.quarkus..",
            "io.quarkiverse..",
            "com.profitbricks.operator..",
            "com.profitbricks.simulator..")
        .check(main);
  }

  @Test
  void theSimulatorSharesNoClassWithTheClientOrTheOperator() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.profitbricks.client..",
            "com.profitbricks.operator..",
            "io.fabric8..",
            "io.javaoperatorsdk..")
        .check(main);
  }

  @Test
  void theOperatorUsesTheClientButNeverTheSimulatorOutsideItsDevBootstrap() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.operator..")
        .and()
        .resideOutsideOfPackage("com.profitbricks.operator.dev..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.profitbricks.simulator..")
        .allowEmptyShould(true)
        .check(main);
  }

  @Test
  void theCrdTypesDependOnNothingOfOursOutsideThemselves() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.operator.api..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("com.profitbricks..")
                .and(resideOutsideOfPackage("com.profitbricks.operator.api..")))
        .check(main);
  }

  @Test
  void kindsDoNotDependOnEachOther() {
    KINDS_ARE_INDEPENDENT.check(main);
  }

  @Test
  void theKindRuleCatchesAKindThatUsesAnother() {
    JavaClasses sample = new ClassFileImporter().importClasses(AlphaOps.class, BetaOps.class);
    assertThatThrownBy(() -> KINDS_ARE_INDEPENDENT.check(sample))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("kind alpha")
        .hasMessageContaining("kind beta");
  }

  @Test
  void theEngineKnowsNoKindAndNothingKindsShare() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.operator.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.profitbricks.operator.kinds..",
            "com.profitbricks.operator.placement..",
            "com.profitbricks.operator.devices..")
        .check(main);
  }

  @Test
  void whatKindsShareKnowsNoKind() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.profitbricks.operator.placement..", "com.profitbricks.operator.devices..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.profitbricks.operator.kinds..")
        .check(main);
  }

  @Test
  void theServicesUnderTheEngineKnowNeitherItNorAKind() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.profitbricks.operator.cloud..",
            "com.profitbricks.operator.status..",
            "com.profitbricks.operator.config..",
            "com.profitbricks.operator.metrics..",
            "com.profitbricks.operator.tenancy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.profitbricks.operator.engine..",
            "com.profitbricks.operator.kinds..",
            "com.profitbricks.operator.placement..",
            "com.profitbricks.operator.devices..")
        .check(main);
  }
}

package com.profitbricks.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's dependency rules, kept true by the build. */
class LayeringTest {
  static JavaClasses main;

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
  void theCrdTypesImportNothingFromTheClient() {
    noClasses()
        .that()
        .resideInAPackage("com.profitbricks.operator.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.profitbricks.client..")
        .allowEmptyShould(true)
        .check(main);
  }
}

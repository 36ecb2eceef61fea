package fr.vitrine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import fr.vitrine.build.Build;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's shape, over the compiled main classes: the packages form no cycle, and each stage uses only the
 * stages before it (docs/architecture.md). A new import that points backwards, or closes a cycle, fails here with
 * the class and line that does it.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.vitrine");
        // A wrong class path would make both rules pass on nothing.
        assertTrue(classes.contain(Build.class) && classes.size() > 100, "main classes imported: " + classes.size());
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("fr.vitrine.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Bottom to top; a layer may be used only by the layers above it. */
    private static Architectures.LayeredArchitecture stages() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Diagnostics").definedBy("fr.vitrine.diagnostics..")
                .layer("Model").definedBy("fr.vitrine.model..")
                .layer("Sources").definedBy("fr.vitrine.read..")
                .layer("Privacy").definedBy("fr.vitrine.privacy..")
                .layer("Records").definedBy("fr.vitrine.validate..")
                .layer("OpenData").definedBy("fr.vitrine.dataset..")
                .layer("Pages").definedBy("fr.vitrine.render..")
                .layer("Verify").definedBy("fr.vitrine.check..")
                .layer("Orchestrators").definedBy("fr.vitrine.build..", "fr.vitrine.publish..", "fr.vitrine.importer..",
                        "fr.vitrine.serve..")
                .layer("CommandLine").definedBy("fr.vitrine.cli..")
                .whereLayer("CommandLine").mayNotBeAccessedByAnyLayer()
                .whereLayer("Orchestrators").mayOnlyBeAccessedByLayers("CommandLine")
                .whereLayer("Verify").mayOnlyBeAccessedByLayers("Orchestrators", "CommandLine")
                .whereLayer("Pages").mayOnlyBeAccessedByLayers("Verify", "Orchestrators", "CommandLine")
                .whereLayer("OpenData").mayOnlyBeAccessedByLayers("Pages", "Verify", "Orchestrators", "CommandLine")
                .whereLayer("Records").mayOnlyBeAccessedByLayers("OpenData", "Pages", "Verify", "Orchestrators",
                        "CommandLine")
                .whereLayer("Privacy").mayOnlyBeAccessedByLayers("Records", "OpenData", "Pages", "Verify",
                        "Orchestrators", "CommandLine")
                .whereLayer("Sources").mayOnlyBeAccessedByLayers("Privacy", "Records", "OpenData", "Pages", "Verify",
                        "Orchestrators", "CommandLine")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Sources", "Privacy", "Records", "OpenData", "Pages",
                        "Verify", "Orchestrators", "CommandLine")
                .whereLayer("Diagnostics").mayOnlyBeAccessedByLayers("Model", "Sources", "Privacy", "Records",
                        "OpenData", "Pages", "Verify", "Orchestrators", "CommandLine");
    }

    @Test
    void eachStageUsesOnlyTheStagesBeforeIt() {
        stages().check(classes);
    }

    /** {@code fr.vitrine} holds only the stage packages: orchestration lives in {@code fr.vitrine.build}. */
    @Test
    void theRootPackageHoldsNoClass() {
        noClasses().should().resideInAPackage("fr.vitrine").check(classes);
    }

    @Test
    void diagnosticsUseNoOtherProjectPackage() {
        noClasses().that().resideInAPackage("fr.vitrine.diagnostics..").should().dependOnClassesThat().resideOutsideOfPackages("fr.vitrine.diagnostics..", "java..")
                .check(classes);
    }
}

package dev.covenant.registry;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The registry's package rules, checked on the compiled classes (so a fully qualified name or an annotation counts as
 * much as an import): no cycle among its packages, and the cross-cutting packages at the ground floor depend on no
 * feature. A feature added later is a feature here without being listed.
 */
class PackageDependencyTest {

    private static final String ROOT = "dev.covenant.registry";
    private static final String[] CROSS_CUTTING = {
            ROOT + ".system..", ROOT + ".storage..", ROOT + ".events..", ROOT + ".security.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void registryPackagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..")
                .namingSlices("$1")
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void crossCuttingPackagesDependOnNoFeature() {
        DescribedPredicate<JavaClass> feature = resideInAPackage(ROOT + ".(*)..")
                .and(DescribedPredicate.not(resideInAnyPackage(CROSS_CUTTING)))
                .as("a feature package (any package of the registry but system, storage, events, security)");
        noClasses().that().resideInAnyPackage(CROSS_CUTTING)
                .should().dependOnClassesThat(feature)
                .check(CLASSES);
    }
}

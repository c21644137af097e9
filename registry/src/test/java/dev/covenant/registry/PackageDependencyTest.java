package dev.covenant.registry;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's package rules, checked on the compiled classes (so a fully qualified name or an annotation counts as
 * much as an import): no cycle among its packages, and the cross-cutting packages at the ground floor depend on no
 * feature. A feature added later is a feature here without being listed.
 */
class PackageDependencyTest {

    private static final String ROOT = "dev.covenant.registry";
    private static final String[] CROSS_CUTTING = {
            ROOT + ".system..", ROOT + ".storage..", ROOT + ".events..", ROOT + ".security..", ROOT + ".engine.."};
    private static final String GATEWAY = ROOT + ".engine..";

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
                .as("a feature package (any package of the registry but system, storage, events, security, engine)");
        noClasses().that().resideInAnyPackage(CROSS_CUTTING)
                .should().dependOnClassesThat(feature)
                .check(CLASSES);
    }

    /**
     * Reading documents and pacts and compiling checkers and stubs go through {@code engine/EngineGateway} only, so
     * its limits, pool and cache apply on every path.
     */
    @Test
    void onlyTheGatewayCallsTheEnginesReadAndCompileEntryPoints() {
        noClasses().that().resideOutsideOfPackage(GATEWAY)
                .should().callMethodWhere(engineEntryPoint())
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.covenant.contract.openapi.DocumentLimits")
                .because("documents are read with the one set of limits in engine/EngineProperties")
                .check(CLASSES);
        assertThat(CLASSES.get(ROOT + ".engine.EngineGateway").getMethodCallsFromSelf().stream()
                .filter(engineEntryPoint()::test)
                .count())
                .as("the gateway's own calls are what the rule recognises")
                .isGreaterThanOrEqualTo(4);
    }

    /** Schedulers are made in one place: the engine pool; nothing else builds its own. */
    @Test
    void noFeatureMakesItsOwnScheduler() {
        noClasses().that().resideOutsideOfPackage(GATEWAY)
                .should().callMethod(reactor.core.scheduler.Schedulers.class, "newBoundedElastic", int.class, int.class,
                        String.class)
                .orShould().callMethod(reactor.core.scheduler.Schedulers.class, "newParallel", String.class, int.class)
                .check(CLASSES);
    }

    /**
     * One JSON library line: Jackson 3 is the registry's, Jackson 2 is the engine's tree type; only
     * {@code engine/JsonLine} uses both, and no other class has a Jackson 2 mapper of its own.
     */
    @Test
    void onlyTheJsonLineUsesBothJacksonLibraries() {
        List<String> both = CLASSES.stream()
                .filter(type -> uses(type, "tools.jackson.") && uses(type, "com.fasterxml.jackson.databind."))
                .map(JavaClass::getName)
                .toList();
        assertThat(both).as("classes using both Jackson 2 and Jackson 3").allMatch((ROOT + ".engine.JsonLine")::equals);
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".engine.JsonLine")
                .should().dependOnClassesThat().areAssignableTo(com.fasterxml.jackson.databind.ObjectMapper.class)
                .check(CLASSES);
    }

    private static boolean uses(JavaClass type, String packagePrefix) {
        return type.getDirectDependenciesFromSelf().stream()
                .anyMatch(dependency -> dependency.getTargetClass().getName().startsWith(packagePrefix));
    }

    private static DescribedPredicate<JavaMethodCall> engineEntryPoint() {
        return DescribedPredicate.describe("an engine read/compile entry point", call -> {
            String owner = call.getTargetOwner().getFullName();
            String name = call.getName();
            return owner.equals("dev.covenant.contract.openapi.OpenApiDocuments")
                    && (name.equals("parse") || name.equals("readTree") || name.equals("structuralProblems"))
                    || owner.equals("dev.covenant.contract.check.PactChecker")
                    && (name.equals("forDocument") || name.equals("check") && call.getTarget().getParameterTypes().size() == 3)
                    || owner.equals("dev.covenant.contract.stub.StubEngine") && name.equals("forDocument");
        });
    }
}

package org.sms1069.deploy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code's layering (docs/architecture.md, "Layers"): inside a module every import points down, so its packages
 * never import each other in a circle; the wire formats know no service; the simulator knows no gateway; one simple
 * class name names one thing.
 */
class PackageLayersTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sms1069");

    @ParameterizedTest
    @ValueSource(strings = {"org.sms1069.wire", "org.sms1069.messaging", "org.sms1069.api", "org.sms1069.router",
            "org.sms1069.gateway", "org.sms1069.carriersim"})
    void packagesOfAModuleImportEachOtherOnlyDownwards(String module) {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().startsWith(module))).as(module).isNotEmpty();
        slices().assignedFrom(packagesUnder(module)).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theWireFormatsKnowNoService() {
        noClasses().that().resideInAPackage("org.sms1069.wire..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.netty..", "org.sms1069.wire..",
                        "org.sms1069.model..")
                .check(MAIN);
    }

    @Test
    void theSimulatorKnowsNoGatewayNorBroker() {
        noClasses().that().resideInAPackage("org.sms1069.carriersim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sms1069.gateway..", "org.sms1069.messaging..",
                        "org.apache.kafka..", "io.lettuce..")
                .check(MAIN);
    }

    @Test
    void oneSimpleNameNamesOneClass() {
        Map<String, List<String>> byName = MAIN.stream()
                .filter(JavaClass::isTopLevelClass)
                .collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName.values().stream().filter(names -> names.size() > 1).toList())
                .as("top-level classes that share a simple name").isEmpty();
    }

    /** One slice per package of the module, its root package included (a circle through the root is one too). */
    private static SliceAssignment packagesUnder(String module) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String name = type.getPackageName();
                if (name.equals(module) || name.startsWith(module + ".")) {
                    return SliceIdentifier.of(name);
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + module;
            }
        };
    }
}

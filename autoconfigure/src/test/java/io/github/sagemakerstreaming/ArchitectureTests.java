package io.github.sagemakerstreaming;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the library API usable without Spring Boot, and the auto-configurations in Boot's
 * shape.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.sagemakerstreaming");

	@Test
	void theApiPackagesDoNotDependOnSpring() {
		noClasses().that()
			.resideInAPackage("io.github.sagemakerstreaming.runtime..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(CLASSES);
	}

	@Test
	void theApiPackagesDoNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("io.github.sagemakerstreaming.runtime..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.sagemakerstreaming.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void theLibraryReflectsOnNothingSoNativeImagesNeedNoHintsOfItsOwn() {
		noClasses().that()
			.resideInAnyPackage("io.github.sagemakerstreaming.runtime..",
					"io.github.sagemakerstreaming.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("java.lang.reflect..")
			.orShould()
			.callMethod(Class.class, "forName", String.class)
			.orShould()
			.callMethod(Class.class, "getDeclaredConstructor", Class[].class)
			.check(CLASSES);
	}

	@Test
	void autoConfigurationsArePublicAndFinal() {
		classes().that()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.bePublic()
			.andShould()
			.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
			.check(CLASSES);
	}

}

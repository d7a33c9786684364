package io.github.sagemakerstreaming;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the library API usable without Spring Boot, its packages in layers, and the
 * auto-configurations in Boot's shape.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.sagemakerstreaming");

	/**
	 * The API's value and exception types: every public type of the {@code runtime}
	 * package but the template (a type nested in one that is not public is not). Their
	 * names are fixed in that package, beside the template, so they are the vocabulary
	 * that every layer below the template speaks.
	 */
	private static final DescribedPredicate<JavaClass> API_VALUES = DescribedPredicate.describe(
			"the API's value and exception types",
			(type) -> type.getPackageName().equals("io.github.sagemakerstreaming.runtime") && isPublic(type)
					&& !type.getName().startsWith(StreamingInferenceTemplate.class.getName()));

	private static boolean isPublic(JavaClass type) {
		return type.getModifiers().contains(JavaModifier.PUBLIC)
				&& type.getEnclosingClass().map(ArchitectureTests::isPublic).orElse(true);
	}

	@Test
	void packagesAreLayersWithNoCycleBetweenThem() {
		slices().matching("io.github.sagemakerstreaming.(**)")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(DescribedPredicate.alwaysTrue(), API_VALUES)
			.check(CLASSES);
	}

	@Test
	void theApiValuesSitBelowEveryLayer() {
		noClasses().that(API_VALUES)
			.should()
			.transitivelyDependOnClassesThat()
			.resideInAnyPackage("io.github.sagemakerstreaming.runtime.(*)..",
					"io.github.sagemakerstreaming.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void decodingTheDirectTransportObservationAndMetricsKnowNothingOfTheTemplate() {
		noClasses().that()
			.resideInAnyPackage("io.github.sagemakerstreaming.runtime.format..",
					"io.github.sagemakerstreaming.runtime.direct..",
					"io.github.sagemakerstreaming.runtime.observation..",
					"io.github.sagemakerstreaming.runtime.metrics..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("the template or its machinery",
					(type) -> type.getPackageName().equals("io.github.sagemakerstreaming.runtime")
							&& !API_VALUES.test(type)))
			.check(CLASSES);
	}

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
			.haveModifier(JavaModifier.FINAL)
			.check(CLASSES);
	}

}

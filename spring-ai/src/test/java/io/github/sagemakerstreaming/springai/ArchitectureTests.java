package io.github.sagemakerstreaming.springai;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Spring AI model knows nothing of its auto-configuration.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.sagemakerstreaming.springai");

	@Test
	void packagesHaveNoCycleBetweenThem() {
		slices().matching("io.github.sagemakerstreaming.(**)").should().beFreeOfCycles().check(this.classes);
	}

}

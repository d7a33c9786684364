package io.github.sagemakerstreaming.langchain4j;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The LangChain4j models need no Spring: only their auto-configuration knows it, and the
 * models know nothing of it.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.sagemakerstreaming.langchain4j");

	@Test
	void theModelsDependOnNoSpringClass() {
		noClasses().that()
			.resideInAPackage("io.github.sagemakerstreaming.langchain4j")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(this.classes);
	}

	@Test
	void packagesHaveNoCycleBetweenThem() {
		slices().matching("io.github.sagemakerstreaming.(**)").should().beFreeOfCycles().check(this.classes);
	}

}

package io.github.sagemakerstreaming.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is split at its {@code ## } headings, never inside a code block.
 */
class ReadmeSectionsTests {

	@Test
	void splitsAtEachSecondLevelHeadingButNotInsideACodeBlock() {
		String markdown = """
				# The library

				What it does.

				## Quick start

				```shell
				## not a heading
				```

				### Details
				More.

				## Embeddings
				Vectors.
				""";
		assertThat(ReadmeSections.of(markdown)).extracting(ReadmeSections.Section::title)
			.containsExactly("The library", "Quick start", "Embeddings");
		assertThat(ReadmeSections.of(markdown).get(1).text()).startsWith("## Quick start")
			.contains("## not a heading")
			.endsWith("More.");
	}

}

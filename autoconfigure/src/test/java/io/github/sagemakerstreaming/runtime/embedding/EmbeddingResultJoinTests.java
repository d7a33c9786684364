package io.github.sagemakerstreaming.runtime.embedding;

import java.util.List;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result of an {@code embed} made of several calls: the vectors in the order of the
 * calls, and the usage only when every call reported it, as the calls of one
 * {@code embed} may reach production variants whose containers differ.
 */
class EmbeddingResultJoinTests {

	@Test
	void sumsTheUsageWhenEveryCallReportsIt() {
		EmbeddingResult joined = EmbeddingTemplate.join(List.of(result(1f, new TokenUsage(3, 0)),
				result(2f, new TokenUsage(4, 0)), result(3f, new TokenUsage(5, 0))));
		assertThat(joined.vectors()).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f);
		assertThat(joined.usage()).isEqualTo(new TokenUsage(12, 0));
	}

	@Test
	void reportsNoUsageRatherThanPartOfItWhenACallReportsNone() {
		EmbeddingResult joined = EmbeddingTemplate
			.join(List.of(result(1f, new TokenUsage(3, 0)), result(2f, null), result(3f, new TokenUsage(5, 0))));
		assertThat(joined.vectors()).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f);
		assertThat(joined.usage()).isNull();
	}

	@Test
	void reportsNoUsageWhenNoCallReportsIt() {
		assertThat(EmbeddingTemplate.join(List.of(result(1f, null), result(2f, null))).usage()).isNull();
	}

	private static EmbeddingResult result(float value, @Nullable TokenUsage usage) {
		return new EmbeddingResult(List.of(new float[] { value }), usage);
	}

}

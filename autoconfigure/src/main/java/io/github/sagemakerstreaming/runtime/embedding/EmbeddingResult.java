package io.github.sagemakerstreaming.runtime.embedding;

import java.util.List;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * The vectors of one {@code embed} call: one per input, in the order of the inputs,
 * whatever the batching.
 *
 * @param vectors the vectors, one per input
 * @param usage the tokens the container reports it read, summed over the calls, or
 * {@code null} when a call reports none (TEI and JumpStart do not; the OpenAI format's
 * {@code usage} does)
 */
public record EmbeddingResult(List<float[]> vectors, @Nullable TokenUsage usage) {

	/**
	 * Creates a result.
	 * @param vectors the vectors, one per input
	 * @param usage the tokens read, or {@code null}
	 */
	public EmbeddingResult {
		vectors = List.copyOf(vectors);
	}

	/**
	 * Returns the length of the vectors.
	 * @return the dimensions of the first vector, or 0 when there is none
	 */
	public int dimensions() {
		return this.vectors.isEmpty() ? 0 : this.vectors.get(0).length;
	}

}

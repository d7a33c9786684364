package io.github.sagemakerstreaming.sample;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Measures one stream from subscription to its last chunk.
 */
final class StreamFigures {

	private final long startNanos = System.nanoTime();

	private long firstTokenNanos = -1;

	private int tokens;

	InferenceChunk count(InferenceChunk chunk) {
		if (!chunk.text().isEmpty() && this.tokens++ == 0) {
			this.firstTokenNanos = System.nanoTime();
		}
		return chunk;
	}

	/**
	 * The figures of a finished stream, sent as the data of the final event.
	 *
	 * @param finishReason the container's finish reason, or {@code null}
	 * @param tokens the number of tokens
	 * @param timeToFirstTokenMillis from subscription to the first token, or -1 without
	 * tokens
	 * @param durationMillis from subscription to the last chunk
	 * @param endpoint the endpoint that answered
	 * @param variant the production variant that answered
	 * @param usage the tokens the container reported it read and generated, or
	 * {@code null}
	 */
	record Done(@Nullable String finishReason, int tokens, long timeToFirstTokenMillis, long durationMillis,
			String endpoint, String variant, @Nullable TokenUsage usage) {

	}

	Done done(InferenceChunk last) {
		long now = System.nanoTime();
		long ttft = (this.firstTokenNanos < 0) ? -1 : (this.firstTokenNanos - this.startNanos) / 1_000_000;
		return new Done(last.finishReason(), this.tokens, ttft, (now - this.startNanos) / 1_000_000,
				last.metadata().endpointName(), last.metadata().invokedProductionVariant(), last.usage());
	}

}

package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

/**
 * One element of a response stream: either a piece of generated text, or the end of the generation.
 * A stream that completes normally always ends with exactly one chunk for which {@link #last()} is true;
 * its text is empty.
 *
 * @param text the generated text; empty on the last chunk
 * @param last whether the container has said that the generation is over
 * @param finishReason the container's finish reason on the last chunk, as it reports it (for example
 * {@code stop}, {@code length}, {@code eos_token}); {@code null} on other chunks and where the container
 * reports none
 * @param metadata the response metadata, the same on every chunk of a stream
 */
public record InferenceChunk(String text, boolean last, String finishReason, ResponseMetadata metadata) {

	/**
	 * Creates a chunk.
	 * @param text the generated text
	 * @param last whether this is the last chunk
	 * @param finishReason the finish reason, or {@code null}
	 * @param metadata the response metadata
	 */
	public InferenceChunk {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(metadata, "metadata");
	}

	/**
	 * Creates a chunk of generated text.
	 * @param text the text
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk token(String text, ResponseMetadata metadata) {
		return new InferenceChunk(text, false, null, metadata);
	}

	/**
	 * Creates the chunk that ends a stream.
	 * @param finishReason the container's finish reason, or {@code null}
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk end(String finishReason, ResponseMetadata metadata) {
		return new InferenceChunk("", true, finishReason, metadata);
	}

}

package io.github.sagemakerstreaming.runtime;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A whole answer, from {@code InvokeEndpoint}: the same figures as a stream's chunks, in
 * one value.
 *
 * @param text the answer's text
 * @param reasoning the model's reasoning, kept apart from the answer; empty when none
 * @param finishReason the container's finish reason, or {@code null} where it reports
 * none
 * @param toolCalls the tool calls the model made, whole, in order; empty when none
 * @param usage the token usage the container reported, or {@code null}
 * @param metadata the response metadata
 */
public record InferenceResponse(String text, String reasoning, @Nullable String finishReason, List<ToolCall> toolCalls,
		@Nullable TokenUsage usage, ResponseMetadata metadata) {

	/**
	 * Creates a whole answer.
	 * @param text the text
	 * @param reasoning the reasoning
	 * @param finishReason the finish reason, or {@code null}
	 * @param toolCalls the tool calls
	 * @param usage the usage, or {@code null}
	 * @param metadata the response metadata
	 */
	public InferenceResponse {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(reasoning, "reasoning");
		toolCalls = List.copyOf(toolCalls);
		Objects.requireNonNull(metadata, "metadata");
	}

	/**
	 * Gathers the chunks of an answer into one value: their text and reasoning joined,
	 * and the last chunk's finish reason, tool calls, usage and metadata.
	 * @param chunks the chunks of one answer, the last one included
	 * @return the whole answer
	 */
	public static InferenceResponse of(List<InferenceChunk> chunks) {
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		chunks.forEach((chunk) -> {
			text.append(chunk.text());
			reasoning.append(chunk.reasoning());
		});
		InferenceChunk last = chunks.get(chunks.size() - 1);
		return new InferenceResponse(text.toString(), reasoning.toString(), last.finishReason(), last.toolCalls(),
				last.usage(), last.metadata());
	}

}

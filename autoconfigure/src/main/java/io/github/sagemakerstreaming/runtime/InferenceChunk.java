package io.github.sagemakerstreaming.runtime;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One element of a response stream: a piece of generated text or reasoning, or the end of
 * the generation. A stream that completes normally always ends with exactly one chunk for
 * which {@link #last()} is true; its text and reasoning are empty, and it carries what
 * the container reported about the whole answer: the finish reason, the tool calls,
 * whole, and the token usage.
 * <p>
 * A chunk before the last may have empty text: it then carries reasoning, or pieces of a
 * tool call that the model is writing (joined into whole calls on the last chunk).
 *
 * @param text the generated text of the answer; empty on the last chunk
 * @param reasoning the model's reasoning ({@code reasoning_content} or
 * {@code reasoning}), kept apart from the answer; empty when none
 * @param toolCallDeltas the pieces of tool calls this chunk carries, as the container
 * streamed them; empty on most chunks and on the last one
 * @param last whether the container has said that the generation is over
 * @param finishReason the container's finish reason on the last chunk, as it reports it
 * (for example {@code stop}, {@code length}, {@code eos_token}, {@code tool_calls});
 * {@code null} on other chunks and where the container reports none
 * @param toolCalls on the last chunk, the tool calls the model made, whole, in the order
 * of their index; empty otherwise
 * @param usage on the last chunk, the token usage the container reported; {@code null}
 * otherwise, and when it reported none
 * @param metadata the response metadata, the same on every chunk of a stream
 */
public record InferenceChunk(String text, String reasoning, List<ToolCallDelta> toolCallDeltas, boolean last,
		@Nullable String finishReason, List<ToolCall> toolCalls, @Nullable TokenUsage usage,
		ResponseMetadata metadata) {

	/**
	 * Creates a chunk.
	 * @param text the generated text
	 * @param reasoning the reasoning
	 * @param toolCallDeltas the pieces of tool calls
	 * @param last whether this is the last chunk
	 * @param finishReason the finish reason, or {@code null}
	 * @param toolCalls the tool calls
	 * @param usage the token usage, or {@code null}
	 * @param metadata the response metadata
	 */
	public InferenceChunk {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(reasoning, "reasoning");
		toolCallDeltas = List.copyOf(toolCallDeltas);
		toolCalls = List.copyOf(toolCalls);
		Objects.requireNonNull(metadata, "metadata");
	}

	/**
	 * Creates a chunk of generated text.
	 * @param text the text
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk token(String text, ResponseMetadata metadata) {
		return partial(text, "", List.of(), metadata);
	}

	/**
	 * Creates a chunk of generated text, reasoning and pieces of tool calls.
	 * @param text the text, empty if none
	 * @param reasoning the reasoning, empty if none
	 * @param toolCallDeltas the pieces of tool calls, empty if none
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk partial(String text, String reasoning, List<ToolCallDelta> toolCallDeltas,
			ResponseMetadata metadata) {
		return new InferenceChunk(text, reasoning, toolCallDeltas, false, null, List.of(), null, metadata);
	}

	/**
	 * Creates the chunk that ends a stream that reported no tool calls and no usage.
	 * @param finishReason the container's finish reason, or {@code null}
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk end(@Nullable String finishReason, ResponseMetadata metadata) {
		return end(finishReason, List.of(), null, metadata);
	}

	/**
	 * Creates the chunk that ends a stream.
	 * @param finishReason the container's finish reason, or {@code null}
	 * @param toolCalls the tool calls, whole, in index order
	 * @param usage the token usage, or {@code null}
	 * @param metadata the response metadata
	 * @return the chunk
	 */
	public static InferenceChunk end(@Nullable String finishReason, List<ToolCall> toolCalls,
			@Nullable TokenUsage usage, ResponseMetadata metadata) {
		return new InferenceChunk("", "", List.of(), true, finishReason, toolCalls, usage, metadata);
	}

}

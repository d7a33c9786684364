package io.github.sagemakerstreaming.emulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything one streamed answer holds, in the order a container streams it: reasoning,
 * text, tool calls, the finish, then the usage if it was asked for.
 *
 * @param reasoning the reasoning tokens, streamed before the text by dialects that
 * separate reasoning
 * @param tokens the text tokens of choice 0
 * @param toolCalls the tool calls, streamed after the text by dialects that have tool
 * calls
 * @param finishReason the finish reason in OpenAI terms ({@code stop}, {@code length},
 * {@code tool_calls})
 * @param choices the number of choices
 * @param usage the token usage to report, or {@code null} if not asked for
 */
public record Answer(List<String> reasoning, List<String> tokens, List<ToolCallScript> toolCalls, String finishReason,
		int choices, @Nullable Usage usage) {

	/**
	 * An answer of text only.
	 * @param tokens the text tokens
	 * @param finishReason the finish reason
	 * @return the answer
	 */
	public static Answer of(List<String> tokens, String finishReason) {
		return new Answer(List.of(), tokens, List.of(), finishReason, 1, null);
	}

	/**
	 * Token counts as OpenAI's {@code usage} reports them.
	 *
	 * @param promptTokens the prompt's tokens
	 * @param completionTokens the generated tokens
	 */
	public record Usage(int promptTokens, int completionTokens) {

	}

}

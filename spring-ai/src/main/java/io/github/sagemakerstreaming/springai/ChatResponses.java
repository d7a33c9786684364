package io.github.sagemakerstreaming.springai;

import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.InferenceResponse;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Turns the template's chunks into Spring AI {@link ChatResponse}s: one a chunk of text
 * or reasoning while streaming, and one for the last chunk with the finish reason, the
 * tool calls, whole, and the usage; or one for a whole answer.
 */
final class ChatResponses {

	private ChatResponses() {
	}

	/**
	 * Returns the response for one streamed chunk, or {@code null} for a chunk that only
	 * marks a tool call's progress (its call comes whole with the last chunk).
	 */
	static @Nullable ChatResponse streamed(InferenceChunk chunk) {
		if (chunk.last()) {
			return whole(new InferenceResponse("", "", chunk.finishReason(), chunk.toolCalls(), chunk.usage(),
					chunk.metadata()));
		}
		if (chunk.text().isEmpty() && chunk.reasoning().isEmpty()) {
			return null;
		}
		AssistantMessage message = AssistantMessage.builder()
			.content(chunk.text())
			.properties(reasoning(chunk.reasoning()))
			.build();
		return new ChatResponse(List.of(new Generation(message)), metadata(chunk.metadata(), null));
	}

	/**
	 * Returns the response for a whole answer.
	 */
	static ChatResponse whole(InferenceResponse answer) {
		AssistantMessage message = AssistantMessage.builder()
			.content(answer.text())
			.properties(reasoning(answer.reasoning()))
			.toolCalls(answer.toolCalls()
				.stream()
				.map((call) -> new AssistantMessage.ToolCall(call.id(), "function", call.name(), call.arguments()))
				.toList())
			.build();
		ChatGenerationMetadata generation = ChatGenerationMetadata.builder()
			.finishReason((answer.finishReason() != null) ? answer.finishReason() : "")
			.build();
		return new ChatResponse(List.of(new Generation(message, generation)),
				metadata(answer.metadata(), answer.usage()));
	}

	private static Map<String, Object> reasoning(String reasoning) {
		return reasoning.isEmpty() ? Map.of() : Map.of(SageMakerChatModel.REASONING_CONTENT, reasoning);
	}

	private static ChatResponseMetadata metadata(ResponseMetadata response, @Nullable TokenUsage usage) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.id((response.requestId() != null) ? response.requestId() : "")
			.model(response.endpointName());
		if (usage != null) {
			metadata.usage(new DefaultUsage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens(), usage));
		}
		return metadata.build();
	}

}

package io.github.sagemakerstreaming.langchain4j;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.sagemakerstreaming.runtime.InferenceResponse;
import io.github.sagemakerstreaming.runtime.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * Builds LangChain4j's {@link ChatResponse} of a whole answer.
 */
final class ChatResponses {

	private ChatResponses() {
	}

	static ChatResponse of(InferenceResponse answer) {
		List<ToolExecutionRequest> requests = answer.toolCalls().stream().map(ChatResponses::request).toList();
		AiMessage message = AiMessage.builder()
			.text(answer.text().isEmpty() && !requests.isEmpty() ? null : answer.text())
			.thinking(answer.reasoning().isEmpty() ? null : answer.reasoning())
			.toolExecutionRequests(requests)
			.build();
		ChatResponse.Builder response = ChatResponse.builder()
			.aiMessage(message)
			.id(answer.metadata().requestId())
			.modelName(answer.metadata().endpointName())
			.finishReason(finishReason(answer.finishReason(), !requests.isEmpty()));
		if (answer.usage() != null) {
			response.tokenUsage(new TokenUsage(answer.usage().inputTokens(), answer.usage().outputTokens(),
					answer.usage().totalTokens()));
		}
		return response.build();
	}

	static ToolExecutionRequest request(ToolCall call) {
		return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.arguments()).build();
	}

	/**
	 * Maps the container's finish reason: OpenAI's names, TGI's and DJL's
	 * ({@code eos_token}, {@code stop_sequence}).
	 */
	static @Nullable FinishReason finishReason(@Nullable String finishReason, boolean toolCalls) {
		if (toolCalls) {
			return FinishReason.TOOL_EXECUTION;
		}
		if (finishReason == null) {
			return null;
		}
		return switch (finishReason) {
			case "stop", "eos_token", "stop_sequence" -> FinishReason.STOP;
			case "length" -> FinishReason.LENGTH;
			case "tool_calls" -> FinishReason.TOOL_EXECUTION;
			case "content_filter" -> FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}

}

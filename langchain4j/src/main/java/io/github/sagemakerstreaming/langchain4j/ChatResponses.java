package io.github.sagemakerstreaming.langchain4j;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ToolCall;

/**
 * Builds LangChain4j's {@link ChatResponse} of a whole answer from the template's last
 * chunk and the text and reasoning gathered before it.
 */
final class ChatResponses {

	private ChatResponses() {
	}

	/**
	 * Gathers the chunks of an answer, the last one included.
	 */
	static ChatResponse of(List<InferenceChunk> chunks) {
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		chunks.forEach((chunk) -> {
			text.append(chunk.text());
			reasoning.append(chunk.reasoning());
		});
		return of(text.toString(), reasoning.toString(), chunks.get(chunks.size() - 1));
	}

	static ChatResponse of(String text, String reasoning, InferenceChunk last) {
		List<ToolExecutionRequest> requests = last.toolCalls().stream().map(ChatResponses::request).toList();
		AiMessage message = AiMessage.builder()
			.text(text.isEmpty() && !requests.isEmpty() ? null : text)
			.thinking(reasoning.isEmpty() ? null : reasoning)
			.toolExecutionRequests(requests)
			.build();
		ChatResponse.Builder response = ChatResponse.builder()
			.aiMessage(message)
			.id(last.metadata().requestId())
			.modelName(last.metadata().endpointName())
			.finishReason(finishReason(last.finishReason(), !requests.isEmpty()));
		if (last.usage() != null) {
			response.tokenUsage(new TokenUsage(last.usage().inputTokens(), last.usage().outputTokens(),
					last.usage().totalTokens()));
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
	static FinishReason finishReason(String finishReason, boolean toolCalls) {
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

package io.github.sagemakerstreaming.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.ChatMessage;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.ToolCall;
import io.github.sagemakerstreaming.runtime.ToolDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Turns a Spring AI {@link Prompt}, with its options and the definitions of its tools,
 * into the template's {@link InferenceRequest}: the messages in the OpenAI chat shape,
 * the generation options as the container's parameters, and the invocation options as the
 * request's target, session and time limits.
 */
final class PromptRequests {

	private PromptRequests() {
	}

	static InferenceRequest toRequest(Prompt prompt, SageMakerChatOptions options,
			List<org.springframework.ai.tool.definition.ToolDefinition> tools) {
		return options.getInvocationOptions()
			.applyTo(InferenceRequest.builder()
				.messages(messages(prompt.getInstructions()))
				.tools(tools.stream()
					.map((tool) -> ToolDefinition.of(tool.name(), tool.description(), tool.inputSchema()))
					.toList())
				.parameters(parameters(options)))
			.build();
	}

	private static List<ChatMessage> messages(List<Message> instructions) {
		List<ChatMessage> messages = new ArrayList<>(instructions.size());
		for (Message message : instructions) {
			switch (message.getMessageType()) {
				case SYSTEM -> messages.add(ChatMessage.system(text(message)));
				case USER -> messages.add(ChatMessage.user(userText((UserMessage) message)));
				case ASSISTANT -> messages.add(assistant((AssistantMessage) message));
				case TOOL -> ((ToolResponseMessage) message).getResponses()
					.forEach((response) -> messages.add(ChatMessage.tool(response.id(), response.responseData())));
			}
		}
		return messages;
	}

	private static ChatMessage assistant(AssistantMessage message) {
		List<ToolCall> calls = message.getToolCalls()
			.stream()
			.map((call) -> new ToolCall(call.id(), call.name(), call.arguments()))
			.toList();
		String text = message.getText();
		return calls.isEmpty() ? ChatMessage.assistant(text(message))
				: ChatMessage.assistant((text == null || text.isEmpty()) ? null : text, calls);
	}

	private static String userText(UserMessage message) {
		if (!message.getMedia().isEmpty()) {
			throw new InvalidInferenceRequestException(
					"The SageMaker chat model sends text only, but a user message has " + message.getMedia().size()
							+ " media attachment(s); send their content as text, or call the "
							+ "endpoint with a body of your own through StreamingInferenceTemplate.",
					null);
		}
		return text(message);
	}

	private static String text(Message message) {
		return (message.getText() != null) ? message.getText() : "";
	}

	/**
	 * The generation options as OpenAI parameters; unset options send nothing, so the
	 * template's and the container's defaults apply.
	 */
	private static Map<String, Object> parameters(SageMakerChatOptions options) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		put(parameters, "model", options.getModel());
		put(parameters, "max_tokens", options.getMaxTokens());
		put(parameters, "temperature", options.getTemperature());
		put(parameters, "top_p", options.getTopP());
		put(parameters, "top_k", options.getTopK());
		put(parameters, "stop", options.getStopSequences());
		put(parameters, "frequency_penalty", options.getFrequencyPenalty());
		put(parameters, "presence_penalty", options.getPresencePenalty());
		return parameters;
	}

	private static void put(Map<String, Object> parameters, String name, @Nullable Object value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

}

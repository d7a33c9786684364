package io.github.sagemakerstreaming.springai;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.ChatMessage;
import io.github.sagemakerstreaming.runtime.ContentPart;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.ResponseFormat;
import io.github.sagemakerstreaming.runtime.ToolCall;
import io.github.sagemakerstreaming.runtime.ToolDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;

/**
 * Turns a Spring AI {@link Prompt}, with its options and the definitions of its tools,
 * into the template's {@link InferenceRequest}: the messages in the OpenAI chat shape,
 * images as content parts, the generation options and the extra body as the container's
 * parameters, the output schema as the response format, and the invocation options as the
 * request's target, session and time limits.
 */
final class PromptRequests {

	/**
	 * The name sent with the output schema, which vLLM requires and the model never sees
	 * as an instruction.
	 */
	private static final String OUTPUT_SCHEMA_NAME = "output";

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
				.parameters(parameters(options))
				.parameters(options.getExtraBody())
				.responseFormat((options.getOutputSchema() != null)
						? ResponseFormat.jsonSchema(OUTPUT_SCHEMA_NAME, options.getOutputSchema()) : null))
			.build();
	}

	private static List<ChatMessage> messages(List<Message> instructions) {
		List<ChatMessage> messages = new ArrayList<>(instructions.size());
		for (Message message : instructions) {
			switch (message.getMessageType()) {
				case SYSTEM -> messages.add(ChatMessage.system(text(message)));
				case USER -> messages.add(user((UserMessage) message));
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

	/**
	 * A user message of text, or of text and images (by URL, or bytes sent as a
	 * {@code data:} URL) as OpenAI content parts, which only the {@code openai-chat}
	 * format sends.
	 */
	private static ChatMessage user(UserMessage message) {
		if (message.getMedia().isEmpty()) {
			return ChatMessage.user(text(message));
		}
		List<ContentPart> parts = new ArrayList<>();
		if (!text(message).isEmpty()) {
			parts.add(ContentPart.text(text(message)));
		}
		for (Media media : message.getMedia()) {
			if (!"image".equals(media.getMimeType().getType())) {
				throw new InvalidInferenceRequestException("The SageMaker chat model sends images only, but a user "
						+ "message has a " + media.getMimeType() + " attachment; send its content as text, or call "
						+ "the endpoint with a body of your own through StreamingInferenceTemplate.", null);
			}
			parts.add(image(media));
		}
		return ChatMessage.user(parts);
	}

	/**
	 * An image by URL, which Spring AI's {@code Media} holds as text or as a {@link URL},
	 * or by its bytes, sent as a {@code data:} URL.
	 */
	private static ContentPart image(Media media) {
		Object data = media.getData();
		if (data instanceof String || data instanceof URL) {
			return ContentPart.imageUrl(data.toString());
		}
		if (data instanceof byte[] bytes) {
			return ContentPart.image(bytes, media.getMimeType().toString());
		}
		throw new InvalidInferenceRequestException("A user message has an image given as a " + data.getClass().getName()
				+ ", which the SageMaker chat model cannot send: give its URL or its bytes.", null);
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

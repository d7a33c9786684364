package io.github.sagemakerstreaming.langchain4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.github.sagemakerstreaming.runtime.ChatMessage;
import io.github.sagemakerstreaming.runtime.ContentPart;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.ResponseFormat;
import io.github.sagemakerstreaming.runtime.ToolCall;
import io.github.sagemakerstreaming.runtime.ToolChoice;
import io.github.sagemakerstreaming.runtime.ToolDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a LangChain4j {@link ChatRequest} into the template's {@link InferenceRequest}:
 * the messages in the OpenAI chat shape, images as content parts, the tool specifications
 * with their JSON schemas, the tool choice, the response format, the generation and
 * custom parameters as the container's, and the invocation options as the request's
 * target, session and time limits.
 */
final class ChatRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Object> EMPTY_SCHEMA = Map.of("type", "object", "properties", Map.of());

	private ChatRequests() {
	}

	static InferenceRequest.Builder toRequest(ChatRequest request) {
		ChatRequestParameters parameters = request.parameters();
		InferenceRequest.Builder builder = InferenceRequest.builder()
			.messages(messages(request.messages()))
			.tools(tools(parameters.toolSpecifications()))
			.parameters(generation(parameters))
			.responseFormat(responseFormat(parameters.responseFormat()));
		if (parameters.toolChoice() != null && !parameters.toolSpecifications().isEmpty()) {
			builder.toolChoice(switch (parameters.toolChoice()) {
				case AUTO -> ToolChoice.AUTO;
				case REQUIRED -> ToolChoice.REQUIRED;
				case NONE -> ToolChoice.NONE;
			});
		}
		if (parameters instanceof SageMakerChatRequestParameters sagemaker) {
			sagemaker.invocationOptions().applyTo(builder);
			builder.parameters(sagemaker.customParameters());
		}
		return builder;
	}

	/**
	 * LangChain4j's JSON response format, with its schema as JSON text; text asks for
	 * nothing.
	 */
	private static @Nullable ResponseFormat responseFormat(
			dev.langchain4j.model.chat.request.@Nullable ResponseFormat format) {
		if (format == null || format.type() != ResponseFormatType.JSON) {
			return null;
		}
		JsonSchema schema = format.jsonSchema();
		if (schema == null) {
			return ResponseFormat.json();
		}
		return ResponseFormat.jsonSchema((schema.name() != null) ? schema.name() : "output",
				JSON.writeValueAsString(JsonSchemaElementUtils.toMap(schema.rootElement())));
	}

	private static List<ChatMessage> messages(List<dev.langchain4j.data.message.ChatMessage> messages) {
		List<ChatMessage> converted = new ArrayList<>(messages.size());
		for (dev.langchain4j.data.message.ChatMessage message : messages) {
			converted.add(switch (message.type()) {
				case SYSTEM -> ChatMessage.system(((SystemMessage) message).text());
				case USER -> user((UserMessage) message);
				case AI -> assistant((AiMessage) message);
				case TOOL_EXECUTION_RESULT -> ChatMessage.tool(((ToolExecutionResultMessage) message).id(),
						((ToolExecutionResultMessage) message).text());
				default -> throw new InvalidInferenceRequestException(
						"The SageMaker chat model cannot send a message of type " + message.type() + ".", null);
			});
		}
		return converted;
	}

	private static ChatMessage assistant(AiMessage message) {
		if (!message.hasToolExecutionRequests()) {
			return ChatMessage.assistant((message.text() != null) ? message.text() : "");
		}
		List<ToolCall> calls = message.toolExecutionRequests()
			.stream()
			.map((call) -> new ToolCall(call.id(), call.name(), call.arguments()))
			.toList();
		return ChatMessage.assistant(message.text(), calls);
	}

	/**
	 * A user message of one text, or of texts and images (by URL, or base64 data sent as
	 * a {@code data:} URL) as OpenAI content parts, which only the {@code openai-chat}
	 * format sends.
	 */
	private static ChatMessage user(UserMessage message) {
		if (message.hasSingleText()) {
			return ChatMessage.user(message.singleText());
		}
		List<ContentPart> parts = new ArrayList<>();
		for (Content content : message.contents()) {
			if (content instanceof TextContent text) {
				parts.add(ContentPart.text(text.text()));
			}
			else if (content instanceof ImageContent image) {
				parts.add(image(image.image()));
			}
			else {
				throw new InvalidInferenceRequestException("The SageMaker chat model sends texts and images only, but "
						+ "a user message has " + content.type() + " content; send it as text, or call the endpoint "
						+ "with a body of your own through StreamingInferenceTemplate.", null);
			}
		}
		return ChatMessage.user(parts);
	}

	private static ContentPart image(Image image) {
		if (image.url() != null) {
			return ContentPart.imageUrl(image.url().toString());
		}
		if (image.base64Data() == null || image.mimeType() == null) {
			throw new InvalidInferenceRequestException("An image needs a URL, or base64 data with its MIME type, "
					+ "to be sent as a data: URL: use ImageContent.from(base64Data, \"image/png\").", null);
		}
		return ContentPart.imageUrl("data:" + image.mimeType() + ";base64," + image.base64Data());
	}

	private static List<ToolDefinition> tools(List<ToolSpecification> specifications) {
		return specifications.stream()
			.map((tool) -> ToolDefinition.of(tool.name(), tool.description(),
					JSON.writeValueAsString((tool.parameters() != null)
							? JsonSchemaElementUtils.toMap(tool.parameters()) : EMPTY_SCHEMA)))
			.toList();
	}

	/**
	 * The generation parameters as OpenAI parameters; unset ones send nothing.
	 */
	private static Map<String, Object> generation(ChatRequestParameters parameters) {
		Map<String, Object> generation = new LinkedHashMap<>();
		put(generation, "model", parameters.modelName());
		put(generation, "max_tokens", parameters.maxOutputTokens());
		put(generation, "temperature", parameters.temperature());
		put(generation, "top_p", parameters.topP());
		put(generation, "top_k", parameters.topK());
		put(generation, "frequency_penalty", parameters.frequencyPenalty());
		put(generation, "presence_penalty", parameters.presencePenalty());
		if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
			generation.put("stop", parameters.stopSequences());
		}
		return generation;
	}

	private static void put(Map<String, Object> generation, String name, Object value) {
		if (value != null) {
			generation.put(name, value);
		}
	}

}

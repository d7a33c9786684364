package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a request's prompt or conversation, its tools, its response format and its
 * generation parameters as the request body of a format. Parameters are merged last, so
 * they may add to the body but, being checked against the reserved names, never replace
 * the prompt, the messages or streaming itself.
 */
final class RequestBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Object> INCLUDE_USAGE = Map.of("include_usage", true);

	private RequestBodies() {
	}

	static byte[] render(InferenceFormat format, InferenceRequest request, Map<String, Object> parameters,
			boolean streaming, boolean includeUsage, String endpointName) {
		if (format != InferenceFormat.OPENAI_CHAT && request.messages() != null
				&& request.messages().stream().anyMatch(ChatMessage::hasImage)) {
			throw new InvalidInferenceRequestException("Images need the openai-chat format, whose messages carry them "
					+ "as image_url parts, but the format is " + format
					+ ": set format(InferenceFormat.OPENAI_CHAT) on the request, or sagemaker.runtime.format=openai-chat.",
					endpointName);
		}
		if (format != InferenceFormat.OPENAI_CHAT
				&& (request.messages() != null || !request.tools().isEmpty() || request.toolChoice() != null)) {
			throw new InvalidInferenceRequestException(
					"Messages and tools need the openai-chat format, but the format is " + format
							+ ", which sends a prompt only: set format(InferenceFormat.OPENAI_CHAT) on the request, or "
							+ "sagemaker.runtime.format=openai-chat.",
					endpointName);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		switch (format) {
			case OPENAI_CHAT -> {
				body.put("messages", (request.messages() != null) ? messages(request.messages())
						: List.of(ordered("role", "user", "content", prompt(request))));
				if (!request.tools().isEmpty()) {
					body.put("tools", tools(request.tools()));
				}
				if (request.toolChoice() != null) {
					body.put("tool_choice", toolChoice(request.toolChoice()));
				}
				openAiResponseFormat(body, request.responseFormat());
				openAiStreaming(body, streaming, includeUsage);
				body.putAll(parameters);
			}
			case OPENAI_COMPLETIONS -> {
				body.put("prompt", prompt(request));
				openAiResponseFormat(body, request.responseFormat());
				openAiStreaming(body, streaming, includeUsage);
				body.putAll(parameters);
			}
			case TGI -> {
				body.put("inputs", prompt(request));
				body.put("parameters", tgiParameters(request.responseFormat(), parameters));
				body.put("stream", streaming);
			}
			case RAW -> {
				if (request.responseFormat() != null) {
					throw new InvalidInferenceRequestException("The raw format sends the prompt as it is, so it cannot "
							+ "ask for a response format: use a format that can (openai-chat, openai-completions or "
							+ "tgi), or write the container's own field into a body of your own.", endpointName);
				}
				return prompt(request).getBytes(StandardCharsets.UTF_8);
			}
		}
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * Returns the prompt of a request that has no messages; one that has no body either,
	 * {@link InferenceRequest.Builder#build()} made sure, has a prompt.
	 */
	private static String prompt(InferenceRequest request) {
		return Objects.requireNonNull(request.prompt(), "prompt");
	}

	/**
	 * Asks for a stream or a whole answer; a stream asks for the usage, which a whole
	 * answer always has.
	 */
	private static void openAiStreaming(Map<String, Object> body, boolean streaming, boolean includeUsage) {
		body.put("stream", streaming);
		if (streaming && includeUsage) {
			body.put("stream_options", INCLUDE_USAGE);
		}
	}

	/**
	 * Asks for JSON as OpenAI's chat and completions APIs do, and vLLM's
	 * ({@code vllm/entrypoints/openai/protocol.py}, {@code ResponseFormat}, which
	 * requires the schema's {@code name}): {@code {"type":"json_object"}} or
	 * {@code {"type":"json_schema","json_schema":{"name":...,"schema":{...}}}}. A
	 * {@code response_format} parameter, in a container's own shape, replaces it.
	 */
	private static void openAiResponseFormat(Map<String, Object> body, @Nullable ResponseFormat format) {
		if (format == null) {
			return;
		}
		String schema = format.schemaJson();
		body.put("response_format", (schema != null)
				? ordered("type", "json_schema", "json_schema",
						ordered("name", Objects.requireNonNull(format.name(), "name"), "schema", JSON.readTree(schema)))
				: ordered("type", "json_object"));
	}

	/**
	 * The parameters of a TGI request, with the response format as TGI's grammar
	 * ({@code router/src/lib.rs}, {@code GrammarType}, adjacently tagged
	 * {@code {"type":"json","value":schema}}, which every TGI version takes); JSON
	 * without a schema asks for any object. A {@code grammar} parameter replaces it.
	 */
	private static Map<String, Object> tgiParameters(@Nullable ResponseFormat format, Map<String, Object> parameters) {
		if (format == null) {
			return parameters;
		}
		String schema = format.schemaJson();
		Map<String, Object> withGrammar = new LinkedHashMap<>();
		withGrammar.put("grammar",
				ordered("type", "json", "value", (schema != null) ? JSON.readTree(schema) : ordered("type", "object")));
		withGrammar.putAll(parameters);
		return withGrammar;
	}

	private static List<Map<String, Object>> messages(List<ChatMessage> messages) {
		List<Map<String, Object>> rendered = new ArrayList<>(messages.size());
		for (ChatMessage message : messages) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("role", message.role().name().toLowerCase(Locale.ROOT));
			item.put("content", message.parts().isEmpty() ? message.content() : parts(message.parts()));
			if (!message.toolCalls().isEmpty()) {
				item.put("tool_calls", message.toolCalls().stream().map(RequestBodies::toolCall).toList());
			}
			if (message.toolCallId() != null) {
				item.put("tool_call_id", message.toolCallId());
			}
			rendered.add(item);
		}
		return rendered;
	}

	/**
	 * The parts of a message as OpenAI content parts, which vLLM and TGI's Messages API
	 * read ({@code vllm/entrypoints/chat_utils.py}; TGI {@code MessageChunk}).
	 */
	private static List<Map<String, Object>> parts(List<ContentPart> parts) {
		return parts.stream()
			.map((part) -> (part.type() == ContentPart.Type.TEXT)
					? ordered("type", "text", "text", Objects.requireNonNull(part.text(), "text"))
					: ordered("type", "image_url", "image_url",
							ordered("url", Objects.requireNonNull(part.url(), "url"))))
			.toList();
	}

	private static Map<String, Object> toolCall(ToolCall call) {
		return ordered("id", call.id(), "type", "function", "function",
				ordered("name", call.name(), "arguments", call.arguments()));
	}

	private static List<Map<String, Object>> tools(List<ToolDefinition> tools) {
		return tools.stream().map((tool) -> {
			Map<String, Object> function = new LinkedHashMap<>();
			function.put("name", tool.name());
			if (tool.description() != null) {
				function.put("description", tool.description());
			}
			function.put("parameters", schema(tool));
			return ordered("type", "function", "function", function);
		}).toList();
	}

	private static JsonNode schema(ToolDefinition tool) {
		return JSON.readTree(tool.parametersJsonSchema());
	}

	private static Object toolChoice(ToolChoice choice) {
		if (choice.functionName() == null) {
			return choice.mode();
		}
		return ordered("type", "function", "function", ordered("name", choice.functionName()));
	}

	/**
	 * A map that keeps its keys in the order given, so that bodies are the same byte for
	 * byte every time.
	 */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}

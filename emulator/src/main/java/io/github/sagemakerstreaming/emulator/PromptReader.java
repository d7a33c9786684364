package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what an answer depends on from a request body of any of the request shapes
 * containers accept: the prompt, the number of choices, whether usage is asked for, the
 * tools offered, the result of a tool call and the schema the answer is constrained to.
 */
final class PromptReader {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PromptReader() {
	}

	static Request read(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		JsonNode root;
		try {
			root = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			return new Request(text, 1, false, List.of(), null, null, null);
		}
		if (root == null || !root.isObject()) {
			return new Request(text, 1, false, List.of(), null, null, null);
		}
		return new Request(prompt(root, text), Math.max(1, root.path("n").asInt(1)),
				root.path("stream_options").path("include_usage").asBoolean(false), tools(root), toolResult(root),
				sessionRequest(root), answerSchema(root));
	}

	/**
	 * Returns the schema the answer is constrained to: OpenAI's and vLLM's
	 * {@code response_format}, TGI's Messages API {@code response_format} or TGI's
	 * {@code parameters.grammar}, in the shapes {@link ChatRequestChecks} lets through;
	 * JSON without a schema is any object.
	 */
	private static @Nullable JsonNode answerSchema(JsonNode root) {
		JsonNode format = root.has("inputs") ? root.path("parameters").path("grammar") : root.path("response_format");
		return switch (format.path("type").asString("")) {
			case "json_schema" -> format.path("json_schema").path("schema").isObject()
					? format.path("json_schema").path("schema") : format.path("value").path("schema");
			case "json", "json_object" -> format.path("value").isObject() ? format.path("value")
					: MAPPER.createObjectNode().put("type", "object");
			default -> null;
		};
	}

	private static @Nullable String sessionRequest(JsonNode root) {
		String requestType = root.path("requestType").asString("");
		return (Sessions.NEW_SESSION.equals(requestType) || Sessions.CLOSE.equals(requestType)) ? requestType : null;
	}

	private static String prompt(JsonNode root, String text) {
		JsonNode messages = root.path("messages");
		if (messages.isArray() && !messages.isEmpty()) {
			for (int i = messages.size() - 1; i >= 0; i--) {
				if ("user".equals(messages.get(i).path("role").asString(""))) {
					return content(messages.get(i).path("content"));
				}
			}
			return content(messages.get(messages.size() - 1).path("content"));
		}
		if (root.path("prompt").isString()) {
			return root.path("prompt").asString();
		}
		if (root.path("inputs").isString()) {
			return root.path("inputs").asString();
		}
		return text;
	}

	/**
	 * Returns a message's text: its content, or the texts of its content parts, one per
	 * line, with {@code [image]} for each image.
	 */
	private static String content(JsonNode content) {
		if (!content.isArray()) {
			return content.asString("");
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : content) {
			texts.add("image_url".equals(part.path("type").asString("")) ? "[image]" : part.path("text").asString(""));
		}
		return String.join("\n", texts);
	}

	private static List<OfferedTool> tools(JsonNode root) {
		List<OfferedTool> tools = new ArrayList<>();
		for (JsonNode tool : root.path("tools")) {
			JsonNode function = tool.path("function");
			List<String> parameters = new ArrayList<>();
			function.path("parameters").path("properties").propertyNames().forEach(parameters::add);
			tools.add(new OfferedTool(function.path("name").asString(""), parameters));
		}
		return tools;
	}

	/**
	 * Returns the content of the last tool message that comes after the last user
	 * message.
	 */
	private static @Nullable String toolResult(JsonNode root) {
		String result = null;
		for (JsonNode message : root.path("messages")) {
			switch (message.path("role").asString("")) {
				case "user" -> result = null;
				case "tool" -> result = message.path("content").asString("");
				default -> {
				}
			}
		}
		return result;
	}

	/**
	 * What an answer depends on.
	 *
	 * @param prompt the last user message's content, the {@code prompt} or {@code inputs}
	 * field, or the whole body
	 * @param choices the number of choices asked for ({@code n}), 1 when absent
	 * @param includeUsage whether {@code stream_options.include_usage} is true
	 * @param tools the tools offered
	 * @param toolResult the result of a tool call sent after the last user message, or
	 * {@code null}
	 * @param sessionRequest the session payload's {@code requestType}
	 * ({@code NEW_SESSION} or {@code CLOSE}), or {@code null} if the body is not one
	 * @param answerSchema the JSON Schema the answer is constrained to, or {@code null}
	 */
	record Request(String prompt, int choices, boolean includeUsage, List<OfferedTool> tools,
			@Nullable String toolResult, @Nullable String sessionRequest, @Nullable JsonNode answerSchema) {

	}

	/**
	 * A tool the request offers.
	 *
	 * @param name the tool's name
	 * @param parameters the names of its parameters, from its schema's {@code properties}
	 */
	record OfferedTool(String name, List<String> parameters) {

	}

}

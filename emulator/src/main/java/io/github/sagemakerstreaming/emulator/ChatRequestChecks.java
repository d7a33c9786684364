package io.github.sagemakerstreaming.emulator;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks a chat container makes on the parts of a request that ask for structured
 * output or carry images, with the status and body it refuses a wrong shape with;
 * SageMaker passes the refusal on as a 424 {@code ModelError}.
 * <ul>
 * <li>TGI ({@code router/src/lib.rs}, {@code GrammarType}, adjacently tagged
 * {@code #[serde(tag = "type", content = "value")]}): the Messages API's
 * {@code response_format} and the generate API's {@code parameters.grammar} are
 * {@code {"type":"json"|"json_object","value":schema}},
 * {@code {"type":"regex","value":"..."}} or, since TGI 3.3.0,
 * {@code {"type":"json_schema","value":{"name":...,"schema":{...}}}}; a message's content
 * parts are {@code MessageChunk}s, {@code {"type":"text","text":...}} or
 * {@code {"type":"image_url","image_url":{"url":...}}}. SageMaker's {@code /invocations}
 * reads the body as the untagged {@code SagemakerRequest}
 * ({@code router/src/sagemaker.rs}), so any other shape is axum's 422, in plain text:
 * {@code Failed to deserialize the JSON body into the target type: data did not match any
 * variant of untagged enum SagemakerRequest ...}. OpenAI's
 * {@code {"type":"json_schema","json_schema":{...}}} is such a shape. A Messages API
 * request with both a {@code response_format} and {@code tools} is refused with a 422
 * {@code tool_error}, {@code Grammar and tools are mutually exclusive}
 * ({@code router/src/server.rs}, {@code prepare_chat_input}).
 * <li>vLLM ({@code vllm/entrypoints/openai/protocol.py}, {@code ResponseFormat} and
 * {@code JsonSchemaResponseFormat}; {@code vllm/entrypoints/chat_utils.py} for content
 * parts): {@code response_format} is {@code {"type":"text"|"json_object"}} or
 * {@code {"type":"json_schema","json_schema":{"name":...,"schema":{...}}}}, the name
 * required; an image part is {@code {"type":"image_url","image_url":{"url":...}}}. Any
 * other shape is its 400 {@code BadRequestError}. DJL/LMI's chat and vLLM handlers serve
 * through vLLM and check the same.
 * </ul>
 */
final class ChatRequestChecks {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Set<String> TGI_GRAMMARS = Set.of("json", "json_object", "regex", "json_schema");

	/**
	 * TGI's refusal of a Messages API request with both a grammar and tools
	 * ({@code router/src/server.rs}, {@code prepare_chat_input}: a {@code ToolError},
	 * 422, {@code error_type} {@code tool_error}).
	 */
	private static final Refusal GRAMMAR_AND_TOOLS = new Refusal(422,
			"{\"error\":\"Grammar and tools are mutually exclusive\",\"error_type\":\"tool_error\"}");

	private static final Set<String> VLLM_FORMATS = Set.of("text", "json_object", "json_schema", "structural_tag");

	private ChatRequestChecks() {
	}

	/**
	 * A container's refusal.
	 *
	 * @param status the container's HTTP status
	 * @param body the container's body
	 */
	record Refusal(int status, String body) {

	}

	/**
	 * Returns the container's refusal of a request, or {@code null} if it takes it.
	 */
	static @Nullable Refusal check(Dialect dialect, byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (root == null || !root.isObject()) {
			return null;
		}
		return switch (dialect) {
			case TGI, TGI_MESSAGES -> tgi(root, body.length);
			case VLLM_CHAT, VLLM_COMPLETIONS, LMI_VLLM, LMI_CHAT -> vllm(root);
			default -> null;
		};
	}

	private static @Nullable Refusal tgi(JsonNode root, int length) {
		JsonNode grammar = root.has("inputs") ? root.path("parameters").path("grammar") : root.path("response_format");
		boolean valid = (grammar.isMissingNode() || grammar.isNull() || isTgiGrammar(grammar))
				&& root.path("messages").valueStream().allMatch(ChatRequestChecks::hasTgiContent);
		if (!valid) {
			return new Refusal(422, "Failed to deserialize the JSON body into the target type: data did "
					+ "not match any variant of untagged enum SagemakerRequest at line 1 column " + length);
		}
		return (isSet(root.path("response_format")) && isSet(root.path("tools"))) ? GRAMMAR_AND_TOOLS : null;
	}

	private static boolean isSet(JsonNode node) {
		return !node.isMissingNode() && !node.isNull();
	}

	private static boolean isTgiGrammar(JsonNode grammar) {
		String type = grammar.path("type").asString("");
		JsonNode value = grammar.path("value");
		if (!TGI_GRAMMARS.contains(type) || value.isMissingNode()) {
			return false;
		}
		return switch (type) {
			case "regex" -> value.isString();
			case "json_schema" -> value.isObject() && value.has("schema");
			default -> true;
		};
	}

	private static boolean hasTgiContent(JsonNode message) {
		JsonNode content = message.path("content");
		return !content.isArray() || content.valueStream().allMatch((part) -> switch (part.path("type").asString("")) {
			case "text" -> part.path("text").isString();
			case "image_url" -> part.path("image_url").path("url").isString();
			default -> false;
		});
	}

	private static @Nullable Refusal vllm(JsonNode root) {
		JsonNode format = root.path("response_format");
		if (!format.isMissingNode() && !format.isNull()) {
			String type = format.path("type").asString("");
			if (!VLLM_FORMATS.contains(type)) {
				return vllmRefusal("1 validation error for ChatCompletionRequest\nresponse_format.type\n  Input should "
						+ "be 'text', 'json_object', 'json_schema' or 'structural_tag' [type=literal_error]");
			}
			JsonNode schema = format.path("json_schema");
			if (type.equals("json_schema") && !(schema.path("name").isString() && schema.path("schema").isObject())) {
				return vllmRefusal("1 validation error for ChatCompletionRequest\nresponse_format.json_schema\n  "
						+ "Field required: an object with a 'name' and a 'schema' [type=missing]");
			}
		}
		for (JsonNode message : root.path("messages")) {
			for (JsonNode part : message.path("content").isArray() ? message.path("content")
					: MAPPER.createArrayNode()) {
				if (part.path("type").asString("").equals("image_url")
						&& !part.path("image_url").path("url").isString()) {
					return vllmRefusal("1 validation error for ChatCompletionContentPartImageParam\nimage_url\n  "
							+ "Input should be an object with a 'url' [type=model_type]");
				}
			}
		}
		return null;
	}

	private static Refusal vllmRefusal(String message) {
		return new Refusal(400, Dialect.vllmError(message));
	}

}

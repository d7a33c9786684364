package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the prompt, and the number of choices asked for, in a request body of any of the request shapes
 * containers accept.
 */
final class PromptReader {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PromptReader() {
	}

	static String prompt(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		try {
			JsonNode root = MAPPER.readTree(text);
			JsonNode messages = root.path("messages");
			if (messages.isArray() && !messages.isEmpty()) {
				return messages.get(messages.size() - 1).path("content").asString("");
			}
			if (root.path("prompt").isString()) {
				return root.path("prompt").asString();
			}
			if (root.path("inputs").isString()) {
				return root.path("inputs").asString();
			}
			return text;
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	/**
	 * Returns the number of choices the body asks for: OpenAI's {@code n}, 1 when absent.
	 */
	static int choices(byte[] body) {
		try {
			return Math.max(1, MAPPER.readTree(body).path("n").asInt(1));
		}
		catch (JacksonException ex) {
			return 1;
		}
	}

}

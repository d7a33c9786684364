package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a prompt and its generation parameters as the request body of a format.
 */
final class RequestBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RequestBodies() {
	}

	static byte[] render(InferenceFormat format, String prompt, Map<String, Object> parameters) {
		Map<String, Object> body = new LinkedHashMap<>();
		switch (format) {
			case OPENAI_CHAT -> {
				body.put("messages", List.of(Map.of("role", "user", "content", prompt)));
				body.put("stream", true);
				body.putAll(parameters);
			}
			case OPENAI_COMPLETIONS -> {
				body.put("prompt", prompt);
				body.put("stream", true);
				body.putAll(parameters);
			}
			case TGI -> {
				body.put("inputs", prompt);
				body.put("parameters", parameters);
				body.put("stream", true);
			}
			case RAW -> {
				return prompt.getBytes(StandardCharsets.UTF_8);
			}
		}
		return JSON.writeValueAsBytes(body);
	}

}

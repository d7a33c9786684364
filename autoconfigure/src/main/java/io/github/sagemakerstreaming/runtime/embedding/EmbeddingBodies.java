package io.github.sagemakerstreaming.runtime.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the body of one embedding call: the texts under the format's field, then the
 * request's extra fields.
 */
final class EmbeddingBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EmbeddingBodies() {
	}

	static byte[] write(EmbeddingFormat format, List<String> inputs, Map<String, Object> parameters) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put(format.inputsField(), inputs);
		body.putAll(parameters);
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * Returns why the extra fields cannot go with the format, or {@code null} when they
	 * can: they may not replace the field that carries the texts.
	 */
	static @Nullable String refusal(EmbeddingFormat format, Map<String, Object> parameters) {
		if (!parameters.containsKey(format.inputsField())) {
			return null;
		}
		return "The parameter '" + format.inputsField() + "' would replace the texts to embed; pass the texts as the "
				+ "request's inputs instead.";
	}

}

package io.github.sagemakerstreaming.emulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an embedding container answers a call: its vectors in its own shape, or its own
 * refusal with its status (see {@link EmbeddingContainer} for the sources).
 */
final class EmbeddingAnswers {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EmbeddingAnswers() {
	}

	/**
	 * The container's answer.
	 *
	 * @param status the container's HTTP status
	 * @param body the container's body
	 */
	record Answer(int status, String body) {

		boolean ok() {
			return this.status == 200;
		}

	}

	static Answer answer(EmulatedEmbeddingEndpoint endpoint, byte[] request) {
		EmbeddingContainer container = endpoint.container();
		String field = switch (container) {
			case TEI -> "inputs";
			case JUMPSTART -> "text_inputs";
			case VLLM -> "input";
		};
		JsonNode body = parsed(request);
		List<String> inputs = inputs(body, field);
		if (inputs == null) {
			return refusal(container, 422, "Failed to deserialize the JSON body into the target type: missing field `"
					+ field + "` or not a text or a list of texts");
		}
		if (inputs.isEmpty()) {
			return refusal(container, 400, "`inputs` cannot be empty");
		}
		if (inputs.size() > endpoint.maxBatchSize()) {
			return refusal(container, (container == EmbeddingContainer.TEI) ? 413 : 422,
					"batch size " + inputs.size() + " > maximum allowed batch size " + endpoint.maxBatchSize());
		}
		if (container == EmbeddingContainer.TEI && inputs.stream().anyMatch(String::isEmpty)) {
			return refusal(container, 400, "Input validation error: `inputs` cannot be empty");
		}
		int dimensions = endpoint.dimensions();
		if (container != EmbeddingContainer.JUMPSTART) {
			dimensions = asked(body, dimensions);
			if (dimensions < 1 || dimensions > endpoint.dimensions()) {
				return refusal(container, (container == EmbeddingContainer.VLLM) ? 400 : 413,
						"dimensions must be between 1 and " + endpoint.dimensions());
			}
		}
		List<float[]> vectors = new ArrayList<>();
		int tokens = 0;
		for (String input : inputs) {
			vectors.add(EmbeddingVectors.truncated(EmbeddingVectors.of(input, endpoint.dimensions()), dimensions));
			tokens += EmbeddingVectors.words(input).length;
		}
		if (endpoint.dropsLastVector()) {
			vectors.remove(vectors.size() - 1);
		}
		return new Answer(200, render(container, endpoint.name(), vectors, tokens));
	}

	/**
	 * Returns the length the request's {@code dimensions} asks for, or the model's own:
	 * the emulated model is a Matryoshka model, whose vector is cut to that many first
	 * values, normalised again. vLLM passes it on as {@code PoolingParams.dimensions}
	 * ({@code vllm/entrypoints/openai/protocol.py}, {@code vllm/pooling_params.py}); TEI
	 * takes it beside {@code normalize} and {@code truncate}; the JumpStart containers
	 * ignore it.
	 */
	private static int asked(@Nullable JsonNode body, int own) {
		JsonNode value = (body != null) ? body.get("dimensions") : null;
		return (value != null && value.isInt()) ? value.asInt() : own;
	}

	/**
	 * Returns the request's JSON, or {@code null} if it is not JSON.
	 */
	private static @Nullable JsonNode parsed(byte[] request) {
		try {
			return MAPPER.readTree(request);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable List<String> inputs(@Nullable JsonNode body, String field) {
		JsonNode value = (body != null) ? body.get(field) : null;
		if (value == null) {
			return null;
		}
		if (value.isString()) {
			return List.of(value.asString());
		}
		if (!value.isArray()) {
			return null;
		}
		List<String> inputs = new ArrayList<>();
		for (JsonNode input : value) {
			if (!input.isString()) {
				return null;
			}
			inputs.add(input.asString());
		}
		return inputs;
	}

	private static Answer refusal(EmbeddingContainer container, int status, String message) {
		String body = switch (container) {
			case TEI -> "{\"error\":" + Dialect.json(message) + ",\"error_type\":\""
					+ ((status == 400) ? "Empty" : "Validation") + "\"}";
			case VLLM -> "{\"object\":\"error\",\"message\":" + Dialect.json(message)
					+ ",\"type\":\"BadRequestError\",\"param\":null,\"code\":" + status + "}";
			case JUMPSTART -> "{\"message\":" + Dialect.json(message) + "}";
		};
		return new Answer(status, body);
	}

	private static String render(EmbeddingContainer container, String model, List<float[]> vectors, int tokens) {
		StringBuilder json = new StringBuilder(vectors.size() * 64 * 12);
		switch (container) {
			case TEI -> vectors(json, vectors);
			case JUMPSTART -> vectors(json.append("{\"embedding\":"), vectors).append('}');
			case VLLM -> {
				json.append("{\"id\":\"embd-5f0c3e2a\",\"object\":\"list\",\"created\":1772423572,\"model\":")
					.append(Dialect.json(model))
					.append(",\"data\":[");
				for (int i = 0; i < vectors.size(); i++) {
					json.append((i > 0) ? "," : "")
						.append("{\"index\":")
						.append(i)
						.append(",\"object\":\"embedding\",");
					vector(json.append("\"embedding\":"), vectors.get(i)).append('}');
				}
				json.append("],\"usage\":{\"prompt_tokens\":")
					.append(tokens)
					.append(",\"total_tokens\":")
					.append(tokens)
					.append(",\"completion_tokens\":0,\"prompt_tokens_details\":null}}");
			}
		}
		return json.toString();
	}

	private static StringBuilder vectors(StringBuilder json, List<float[]> vectors) {
		json.append('[');
		for (int i = 0; i < vectors.size(); i++) {
			vector(json.append((i > 0) ? "," : ""), vectors.get(i));
		}
		return json.append(']');
	}

	private static StringBuilder vector(StringBuilder json, float[] vector) {
		json.append('[');
		for (int i = 0; i < vector.length; i++) {
			json.append((i > 0) ? "," : "").append(vector[i]);
		}
		return json.append(']');
	}

}

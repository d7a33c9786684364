package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape asked of the model's answer: any JSON object, or JSON valid within a schema.
 * Each format asks for it in its container's own terms: the OpenAI formats with
 * {@code response_format}, the {@code tgi} format with TGI's {@code parameters.grammar};
 * the {@code raw} format cannot ask for it.
 */
public final class ResponseFormat {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ResponseFormat JSON_OBJECT = new ResponseFormat(null, null);

	private final @Nullable String name;

	private final @Nullable String schemaJson;

	private ResponseFormat(@Nullable String name, @Nullable String schemaJson) {
		this.name = name;
		this.schemaJson = schemaJson;
	}

	/**
	 * Asks for a JSON object, without a schema.
	 * @return the response format
	 */
	public static ResponseFormat json() {
		return JSON_OBJECT;
	}

	/**
	 * Asks for JSON valid within a schema, which the container enforces as it decodes.
	 * @param name the schema's name, which the OpenAI formats send (vLLM requires one)
	 * @param schemaJson the JSON Schema, a JSON object given as text
	 * @return the response format
	 * @throws InvalidInferenceRequestException if the name is blank or the schema is not
	 * a JSON object
	 */
	public static ResponseFormat jsonSchema(String name, String schemaJson) {
		if (name == null || name.isBlank()) {
			throw new InvalidInferenceRequestException("A JSON schema response format needs a name.", null);
		}
		Objects.requireNonNull(schemaJson, "schemaJson");
		if (!isJsonObject(schemaJson)) {
			throw new InvalidInferenceRequestException("The JSON schema of response format '" + name
					+ "' is not a JSON object: give a schema such as {\"type\":\"object\",\"properties\":{...}}.",
					null);
		}
		return new ResponseFormat(name, schemaJson);
	}

	private static boolean isJsonObject(String text) {
		try {
			return JSON.readTree(text).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Returns the schema's name.
	 * @return the name, or {@code null} for {@link #json()}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Returns the JSON Schema the answer must be valid within.
	 * @return the schema as JSON text, or {@code null} for {@link #json()}
	 */
	public @Nullable String schemaJson() {
		return this.schemaJson;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ResponseFormat that && Objects.equals(this.name, that.name)
				&& Objects.equals(this.schemaJson, that.schemaJson);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.schemaJson);
	}

	@Override
	public String toString() {
		return (this.name != null) ? "ResponseFormat[json_schema " + this.name + "]" : "ResponseFormat[json]";
	}

}

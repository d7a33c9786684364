package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool the model may call, rendered as an OpenAI function:
 * {@code {"type":"function","function":{"name","description","parameters"}}}.
 *
 * @param name the tool's name, which the model quotes in its call
 * @param description what the tool does, for the model to decide when to call it; may be
 * {@code null}
 * @param parametersJsonSchema the JSON schema of the arguments, a JSON object given as
 * text
 */
public record ToolDefinition(String name, String description, String parametersJsonSchema) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Creates a tool definition, checking that the schema is a JSON object.
	 * @param name the tool's name
	 * @param description what the tool does
	 * @param parametersJsonSchema the JSON schema of the arguments
	 * @throws InvalidInferenceRequestException if the name is blank or the schema is not
	 * a JSON object
	 */
	public ToolDefinition {
		if (name == null || name.isBlank()) {
			throw new InvalidInferenceRequestException("A tool needs a name.", null);
		}
		Objects.requireNonNull(parametersJsonSchema, "parametersJsonSchema");
		if (!isJsonObject(parametersJsonSchema)) {
			throw new InvalidInferenceRequestException("The parameters schema of tool '" + name
					+ "' is not a JSON object: " + abbreviate(parametersJsonSchema) + ". Give a JSON schema such as "
					+ "{\"type\":\"object\",\"properties\":{...}}.", null);
		}
	}

	/**
	 * Creates a tool definition, checking that the schema is a JSON object.
	 * @param name the tool's name
	 * @param description what the tool does
	 * @param parametersJsonSchema the JSON schema of the arguments, a JSON object
	 * @return the tool definition
	 * @throws InvalidInferenceRequestException if the name is blank or the schema is not
	 * a JSON object
	 */
	public static ToolDefinition of(String name, String description, String parametersJsonSchema) {
		return new ToolDefinition(name, description, parametersJsonSchema);
	}

	private static boolean isJsonObject(String text) {
		try {
			return JSON.readTree(text).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? "'" + text.substring(0, 80) + "...'" : "'" + text + "'";
	}

}

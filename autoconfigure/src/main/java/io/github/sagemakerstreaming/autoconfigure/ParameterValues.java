package io.github.sagemakerstreaming.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads generation parameters bound from properties, where every value is text: a value
 * that is JSON is sent as that JSON value ({@code 256} as a number, {@code true} as a
 * boolean, {@code ["</s>"]} as an array), anything else, an empty value included, as a
 * string. The framework modules read their properties of extra fields the same way.
 */
public final class ParameterValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ParameterValues() {
	}

	/**
	 * Returns the values of properties bound as text, each as the JSON value it spells,
	 * or else as the text itself.
	 * @param properties the bound properties, by field name
	 * @return the values to send, in the properties' order
	 */
	public static Map<String, Object> fromProperties(Map<String, String> properties) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		properties.forEach((name, value) -> parameters.put(name, jsonOrString(value)));
		return parameters;
	}

	private static Object jsonOrString(String value) {
		if (value == null || value.isBlank()) {
			// An empty property is an empty string, never JSON null (which Jackson reads
			// from empty text).
			return (value != null) ? value : "";
		}
		try {
			return JSON.readTree(value);
		}
		catch (JacksonException ex) {
			return value;
		}
	}

}

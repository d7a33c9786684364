package io.github.sagemakerstreaming.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer of a model whose decoding is constrained to a JSON Schema, as vLLM's and
 * TGI's guided decoding make it: a small instance valid within the schema. An object has
 * every property it declares (as a model fills them, though only the required ones must
 * be there), each a minimal instance of its own schema; a string is {@code "text"} (or
 * its first {@code enum} value); a number is its {@code minimum} or 0; an array has
 * {@code minItems} items, at least one. Local {@code $ref}s ({@code #/$defs/...},
 * {@code #/definitions/...}) are followed.
 */
final class SchemaInstances {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SchemaInstances() {
	}

	/**
	 * Returns the smallest instance of a schema, as JSON text.
	 */
	static String of(JsonNode schema) {
		return MAPPER.writeValueAsString(instance(schema, schema, 0));
	}

	private static JsonNode instance(JsonNode schema, JsonNode root, int depth) {
		if (depth > 16) {
			return MAPPER.nullNode();
		}
		if (schema.has("$ref")) {
			return instance(root.at(schema.path("$ref").asString("").replaceFirst("^#", "")), root, depth + 1);
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return schema.path("enum").get(0);
		}
		for (String choice : new String[] { "anyOf", "oneOf", "allOf" }) {
			if (schema.path(choice).isArray() && !schema.path(choice).isEmpty()) {
				return instance(schema.path(choice).get(0), root, depth + 1);
			}
		}
		JsonNode type = schema.path("type");
		String name = type.isArray() ? type.get(0).asString("null")
				: type.asString(schema.has("properties") ? "object" : "string");
		return switch (name) {
			case "object" -> object(schema, root, depth);
			case "array" -> array(schema, root, depth);
			case "integer" -> MAPPER.getNodeFactory().numberNode(schema.path("minimum").asLong(0));
			case "number" -> MAPPER.getNodeFactory().numberNode(schema.path("minimum").asDouble(0));
			case "boolean" -> MAPPER.getNodeFactory().booleanNode(true);
			case "null" -> MAPPER.nullNode();
			default -> MAPPER.getNodeFactory().stringNode("text");
		};
	}

	private static ObjectNode object(JsonNode schema, JsonNode root, int depth) {
		ObjectNode object = MAPPER.createObjectNode();
		JsonNode properties = schema.path("properties");
		for (String property : properties.propertyNames()) {
			object.set(property, instance(properties.get(property), root, depth + 1));
		}
		return object;
	}

	private static ArrayNode array(JsonNode schema, JsonNode root, int depth) {
		ArrayNode array = MAPPER.createArrayNode();
		int items = Math.max(1, schema.path("minItems").asInt(1));
		for (int i = 0; i < items; i++) {
			array.add(instance(schema.path("items"), root, depth + 1));
		}
		return array;
	}

}

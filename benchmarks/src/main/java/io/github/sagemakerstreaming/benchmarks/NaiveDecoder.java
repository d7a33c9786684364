package io.github.sagemakerstreaming.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decoding users write by hand, as a reference: a {@code String} per part, lines
 * split from a growing buffer, a Jackson tree per line, the text looked up in the usual
 * places.
 */
final class NaiveDecoder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringBuilder pending = new StringBuilder();

	void decode(byte[] part, Consumer<String> tokens) {
		this.pending.append(new String(part, StandardCharsets.UTF_8));
		for (int end = this.pending.indexOf("\n"); end >= 0; end = this.pending.indexOf("\n")) {
			String line = this.pending.substring(0, end).trim();
			this.pending.delete(0, end + 1);
			if (line.startsWith("data:")) {
				line = line.substring(5).trim();
			}
			if (line.isEmpty() || line.startsWith(":") || line.equals("[DONE]")) {
				continue;
			}
			String text = text(JSON.readTree(line));
			if (text != null && !text.isEmpty()) {
				tokens.accept(text);
			}
		}
	}

	private static @Nullable String text(JsonNode record) {
		JsonNode token = record.path("token");
		if (!token.isMissingNode()) {
			return token.path("special").asBoolean(false) ? null : token.path("text").asString(null);
		}
		JsonNode choice = record.path("choices").path(0);
		if (!choice.isMissingNode()) {
			JsonNode content = choice.path("delta").path("content");
			return content.isString() ? content.asString() : choice.path("text").asString(null);
		}
		return record.path("outputs").path(0).asString(null);
	}

}

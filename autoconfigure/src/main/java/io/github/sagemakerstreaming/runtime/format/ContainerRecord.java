package io.github.sagemakerstreaming.runtime.format;

import java.util.ArrayList;
import java.util.List;

import io.github.sagemakerstreaming.runtime.ToolCallDelta;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of one JSON record that matter for token streaming, in any container
 * dialect, read with the streaming parser so that nothing else is materialised. One
 * instance is reused for every record of a stream.
 */
final class ContainerRecord {

	boolean hasToken;

	@Nullable String tokenText;

	boolean tokenSpecial;

	@Nullable String tokenError;

	@Nullable String generatedText;

	@Nullable String finishReason;

	boolean hasChoices;

	@Nullable String choiceText;

	/**
	 * The reasoning of choice 0: vLLM's {@code reasoning_content}, or {@code reasoning}
	 * in later versions.
	 */
	@Nullable String choiceReasoning;

	/** The tool-call pieces of choice 0. */
	final List<ToolCallDelta> toolCallDeltas = new ArrayList<>(1);

	/**
	 * The token usage the record reports, or -1: OpenAI's {@code usage}, or TGI's
	 * {@code details}.
	 */
	int inputTokens;

	int outputTokens;

	@Nullable String outputsText;

	boolean hasError;

	@Nullable String errorMessage;

	@Nullable String errorKind;

	/** Whether the record has a field of a dialect the decoder knows. */
	boolean known;

	// One choice as it is read, kept only if it turns out to be choice 0: the index may
	// come last.
	private @Nullable String scratchText;

	private @Nullable String scratchReasoning;

	private final List<ToolCallDelta> scratchFragments = new ArrayList<>(1);

	/**
	 * Reads one record; the parser must be positioned before its first token.
	 * @return false if the record is not a JSON object
	 */
	boolean read(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			reset();
			return false;
		}
		return readObject(parser);
	}

	/**
	 * Reads one record whose {@code START_OBJECT} the parser has just read.
	 * @return true
	 */
	boolean readObject(JsonParser parser) {
		reset();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case "token", "generated_text", "choices", "outputs", "error" -> this.known = true;
				default -> {
				}
			}
			switch (name) {
				case "token" -> readToken(parser, value);
				case "generated_text" -> this.generatedText = stringOrNull(parser, value);
				case "details" -> readDetails(parser, value);
				case "choices" -> readChoices(parser, value);
				case "outputs" -> readOutputs(parser, value);
				case "error" -> readError(parser, value);
				case "usage" -> readUsage(parser, value);
				case "error_type" -> this.errorKind = stringOrNull(parser, value);
				case "code" -> this.errorKind = (this.errorKind != null) ? this.errorKind : scalar(parser, value);
				default -> parser.skipChildren();
			}
		}
		return true;
	}

	void reset() {
		this.hasToken = false;
		this.tokenText = null;
		this.tokenSpecial = false;
		this.tokenError = null;
		this.generatedText = null;
		this.finishReason = null;
		this.hasChoices = false;
		this.choiceText = null;
		this.outputsText = null;
		this.hasError = false;
		this.errorMessage = null;
		this.errorKind = null;
		this.known = false;
		this.choiceReasoning = null;
		this.toolCallDeltas.clear();
		this.inputTokens = -1;
		this.outputTokens = -1;
	}

	boolean hasUsage() {
		return this.inputTokens >= 0 && this.outputTokens >= 0;
	}

	private void readToken(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		this.hasToken = true;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "text" -> this.tokenText = stringOrNull(parser, field);
				case "special", "special_token" -> this.tokenSpecial |= field == JsonToken.VALUE_TRUE;
				case "error_msg" -> this.tokenError = stringOrNull(parser, field);
				default -> parser.skipChildren();
			}
		}
	}

	private void readDetails(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "finish_reason" -> this.finishReason = stringOrNull(parser, field);
				case "input_length" -> this.inputTokens = intOr(parser, field, this.inputTokens);
				case "generated_tokens" -> this.outputTokens = intOr(parser, field, this.outputTokens);
				default -> parser.skipChildren();
			}
		}
	}

	private void readUsage(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "prompt_tokens" -> this.inputTokens = intOr(parser, field, this.inputTokens);
				case "completion_tokens" -> this.outputTokens = intOr(parser, field, this.outputTokens);
				default -> parser.skipChildren();
			}
		}
	}

	/**
	 * Reads the choices of an OpenAI chunk. Only choice 0 is surfaced: a request for
	 * several choices ({@code n}) gets their records interleaved (vLLM sends one choice a
	 * record), and the text and finish of the others must neither leak into the answer
	 * nor end it.
	 */
	private void readChoices(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		this.hasChoices = true;
		for (JsonToken item = parser.nextToken(); isValue(item); item = parser.nextToken()) {
			if (item == JsonToken.START_OBJECT) {
				readChoice(parser);
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private void readChoice(JsonParser parser) {
		String index = null;
		String finish = null;
		this.scratchText = null;
		this.scratchReasoning = null;
		this.scratchFragments.clear();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "index" -> index = scalar(parser, field);
				case "delta", "message" -> readDelta(parser, field);
				case "text" -> this.scratchText = stringOrNull(parser, field);
				case "finish_reason" -> finish = stringOrNull(parser, field);
				default -> parser.skipChildren();
			}
		}
		if (index == null || "0".equals(index)) {
			this.choiceText = this.scratchText;
			this.choiceReasoning = this.scratchReasoning;
			this.toolCallDeltas.addAll(this.scratchFragments);
			this.finishReason = finish;
		}
	}

	private void readDelta(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "content" -> this.scratchText = stringOrNull(parser, field);
				case "reasoning_content", "reasoning" -> this.scratchReasoning = stringOrNull(parser, field);
				case "tool_calls" -> readToolCalls(parser, field);
				default -> parser.skipChildren();
			}
		}
	}

	private void readToolCalls(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		int position = 0;
		for (JsonToken item = parser.nextToken(); isValue(item); item = parser.nextToken()) {
			if (item == JsonToken.START_OBJECT) {
				readToolCall(parser, position);
			}
			else {
				parser.skipChildren();
			}
			position++;
		}
	}

	/**
	 * Reads one tool call: a piece of a streamed one, which has its index, or a whole one
	 * of a whole answer, whose index is its place in the list.
	 */
	private void readToolCall(JsonParser parser, int position) {
		int index = position;
		String id = null;
		String name = null;
		String arguments = null;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken value = parser.nextToken();
			switch (field) {
				case "index" -> index = intOr(parser, value, position);
				case "id" -> id = stringOrNull(parser, value);
				case "function" -> {
					if (value != JsonToken.START_OBJECT) {
						parser.skipChildren();
						continue;
					}
					for (String part = parser.nextName(); part != null; part = parser.nextName()) {
						JsonToken partValue = parser.nextToken();
						switch (part) {
							case "name" -> name = stringOrNull(parser, partValue);
							case "arguments" -> arguments = stringOrNull(parser, partValue);
							default -> parser.skipChildren();
						}
					}
				}
				default -> parser.skipChildren();
			}
		}
		this.scratchFragments.add(new ToolCallDelta(index, id, name, arguments));
	}

	private void readOutputs(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		StringBuilder text = new StringBuilder();
		for (JsonToken item = parser.nextToken(); isValue(item); item = parser.nextToken()) {
			if (item == JsonToken.VALUE_STRING) {
				text.append(parser.getString());
			}
			else {
				parser.skipChildren();
			}
		}
		this.outputsText = text.toString();
	}

	private void readError(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return;
		}
		this.hasError = true;
		if (value != JsonToken.START_OBJECT) {
			this.errorMessage = scalar(parser, value);
			return;
		}
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken field = parser.nextToken();
			switch (name) {
				case "message" -> this.errorMessage = stringOrNull(parser, field);
				case "type" -> this.errorKind = stringOrNull(parser, field);
				case "code", "http_status_code" ->
					this.errorKind = (this.errorKind != null) ? this.errorKind : scalar(parser, field);
				default -> parser.skipChildren();
			}
		}
	}

	/**
	 * Describes the error this record reports, for a message.
	 */
	String errorDescription() {
		String message = (this.errorMessage != null && !this.errorMessage.isEmpty()) ? this.errorMessage
				: (this.tokenError != null) ? this.tokenError : "no message";
		return (this.errorKind != null) ? message + " (" + this.errorKind + ")" : message;
	}

	/**
	 * Returns whether an array goes on: not at its end, and not out of input (a truncated
	 * record, which a non-blocking parser reports as {@code NOT_AVAILABLE} rather than as
	 * an error).
	 */
	private static boolean isValue(JsonToken token) {
		return token != null && token != JsonToken.END_ARRAY && token != JsonToken.NOT_AVAILABLE;
	}

	private static @Nullable String stringOrNull(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	private static int intOr(JsonParser parser, JsonToken value, int fallback) {
		if (value == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		parser.skipChildren();
		return fallback;
	}

	private static @Nullable String scalar(JsonParser parser, JsonToken value) {
		if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
			return parser.getText();
		}
		parser.skipChildren();
		return null;
	}

}

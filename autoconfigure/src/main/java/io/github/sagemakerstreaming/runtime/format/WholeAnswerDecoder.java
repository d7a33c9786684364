package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Decodes the whole answer of {@code InvokeEndpoint} into the chunks a stream of it would
 * have ended with: one of text and reasoning, and the last one with the finish reason,
 * the tool calls and the usage. It reads every common container's answer: Hugging Face
 * TGI's {@code generated_text} (a list of one, or an object with its {@code details}),
 * OpenAI chat completions ({@code message.content}, {@code reasoning_content},
 * {@code tool_calls}, {@code finish_reason}, {@code usage}) and text completions, and
 * DJL/LMI's {@code generated_text}. An error object fails with a
 * {@link ContainerErrorException}, anything else with {@code MalformedRecord} or
 * {@code UnrecognizedFormat}.
 */
public final class WholeAnswerDecoder {

	/**
	 * Decodes a whole answer.
	 * @param body the container's body
	 * @param metadata the response metadata, to put on every chunk
	 * @return the chunks, the last one with {@link InferenceChunk#last()} true
	 */
	public List<InferenceChunk> decode(byte[] body, ResponseMetadata metadata) {
		ContainerRecord record = new ContainerRecord();
		try {
			if (!read(body, record)) {
				throw DecodingFailures.malformed(metadata, body, 0, body.length);
			}
		}
		catch (StreamConstraintsException ex) {
			throw DecodingFailures.beyondLimits(metadata, body, 0, body.length, ex);
		}
		if (record.hasError || record.tokenError != null || "error".equals(record.finishReason)) {
			throw new ContainerErrorException(record.errorDescription(), metadata);
		}
		String text;
		if (record.hasChoices) {
			text = record.choiceText;
		}
		else if (record.generatedText != null) {
			text = record.generatedText;
		}
		else if (record.outputsText != null) {
			text = record.outputsText;
		}
		else {
			throw DecodingFailures.unrecognized(metadata, body, 0, body.length);
		}
		ToolCallJoiner toolCalls = new ToolCallJoiner();
		record.toolCallDeltas.forEach(toolCalls::add);
		List<InferenceChunk> chunks = new ArrayList<>(2);
		String reasoning = (record.choiceReasoning != null) ? record.choiceReasoning : "";
		if ((text != null && !text.isEmpty()) || !reasoning.isEmpty()) {
			chunks.add(InferenceChunk.partial((text != null) ? text : "", reasoning, List.of(), metadata));
		}
		TokenUsage usage = record.hasUsage() ? new TokenUsage(record.inputTokens, record.outputTokens) : null;
		chunks.add(InferenceChunk.end(record.finishReason, toolCalls.calls(), usage, metadata));
		return chunks;
	}

	/**
	 * Decodes a whole answer of plain text, as the raw format takes it.
	 * @param body the container's body
	 * @param metadata the response metadata
	 * @return the chunks, the last one with {@link InferenceChunk#last()} true
	 */
	public List<InferenceChunk> decodeText(byte[] body, ResponseMetadata metadata) {
		String text = new String(body, StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of(InferenceChunk.end(null, metadata))
				: List.of(InferenceChunk.token(text, metadata), InferenceChunk.end(null, metadata));
	}

	/**
	 * Reads the body's object, or the first object of a list (TGI on SageMaker answers
	 * {@code [{..}]}).
	 */
	private static boolean read(byte[] body, ContainerRecord record) {
		try (JsonParser parser = JacksonRecordReader.parser(body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_ARRAY) {
				return record.read(parser) && parser.nextToken() == JsonToken.END_ARRAY && parser.nextToken() == null;
			}
			if (first != JsonToken.START_OBJECT) {
				return false;
			}
			return record.readObject(parser) && parser.nextToken() == null;
		}
		catch (StreamConstraintsException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}

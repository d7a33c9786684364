package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.IncompleteStreamException;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.ToolCall;
import io.github.sagemakerstreaming.runtime.ToolCallDelta;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Decodes the streams of every common LLM container, recognising the dialect record by
 * record, whatever the request shape:
 * <ul>
 * <li>Hugging Face TGI server-sent events
 * ({@code data:{"token":{..},"generated_text":..}}) and its Messages API (OpenAI chat
 * chunks, {@code data:[DONE]});
 * <li>DJL/LMI JSON lines ({@code {"token": {..}}}), its legacy {@code {"outputs": [..]}}
 * lines, its chat chunks, its SSE mode and its vLLM handler;
 * <li>vLLM server-sent events, OpenAI chat and completion chunks.
 * </ul>
 * Lines may be server-sent events ({@code data:} with or without a space, comments and
 * keep-alives, other fields, blank lines) or bare JSON lines; a last line without a
 * newline is decoded at the end. Special tokens are dropped, and content on the chunk
 * that carries the finish reason is kept. Reasoning ({@code reasoning_content},
 * {@code reasoning}) is passed on apart from the text; tool-call pieces are joined by
 * their index and passed on whole on the last chunk, with the token usage (OpenAI's
 * {@code usage}, as in the usage-only chunk, or TGI's {@code details}). Of the choices of
 * an OpenAI chunk, only choice 0 is surfaced: a request for several ({@code n}) gets the
 * first answer, whole, ended by its own finish. An error record ends the stream with a
 * {@link ContainerErrorException}; the first JSON record of a format it does not know
 * fails the stream at once with {@code UnrecognizedFormat}; a stream that ends without
 * its dialect's end-of-generation marker fails with an {@link IncompleteStreamException},
 * except for the legacy {@code outputs} dialect, which has none.
 */
public final class ContainerDialectDecoder implements ResponseDecoder {

	/** The default limit on the size of one record, 1 MiB. */
	public static final int DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	private final int maxRecordSize;

	/**
	 * Creates a decoder with the default record size limit.
	 */
	public ContainerDialectDecoder() {
		this(DEFAULT_MAX_RECORD_SIZE);
	}

	/**
	 * Creates a decoder.
	 * @param maxRecordSize the longest record, in bytes, that a stream may send; a longer
	 * one fails the stream instead of filling the memory
	 */
	public ContainerDialectDecoder(int maxRecordSize) {
		if (maxRecordSize < 1) {
			throw new IllegalArgumentException("maxRecordSize must be positive");
		}
		this.maxRecordSize = maxRecordSize;
	}

	@Override
	public Session start(ResponseMetadata metadata) {
		return new DialectSession(metadata, this.maxRecordSize);
	}

	private static final class DialectSession implements Session {

		private final ResponseMetadata metadata;

		private final LineFramer framer;

		private final ContainerRecord record = new ContainerRecord();

		private final ChatChunkScanner scanner = new ChatChunkScanner();

		private final JacksonRecordReader jackson = new JacksonRecordReader();

		private final int maxRecordSize;

		/** The framer's handler, made once rather than for every part. */
		private final LineFramer.LineHandler lines = this::line;

		private Consumer<InferenceChunk> out = (chunk) -> {
		};

		private boolean finished;

		private boolean endlessDialect;

		/**
		 * The finish reason of choice 0, once it came; the stream ends at [DONE] or at
		 * the end of the body.
		 */
		private @Nullable String choiceFinish;

		private @Nullable ToolCallJoiner toolCalls;

		private @Nullable TokenUsage usage;

		DialectSession(ResponseMetadata metadata, int maxRecordSize) {
			this.metadata = metadata;
			this.maxRecordSize = maxRecordSize;
			this.framer = new LineFramer(maxRecordSize);
		}

		@Override
		public void decode(byte[] part, Consumer<InferenceChunk> chunks) {
			this.out = chunks;
			try {
				this.framer.feed(part, this.lines);
			}
			catch (LineFramer.RecordTooLargeException ex) {
				throw recordTooLarge(ex);
			}
		}

		@Override
		public void complete(Consumer<InferenceChunk> chunks) {
			this.out = chunks;
			try {
				this.framer.finish(this.lines);
			}
			catch (StreamingInferenceException ex) {
				if (!StreamingInferenceException.MALFORMED_RECORD.equals(ex.errorCode())
						|| ex.getCause() instanceof StreamConstraintsException) {
					// Not a record cut off: one that no amount of it would make readable.
					throw ex;
				}
				if (this.choiceFinish == null) {
					// A last record cut off before its end: the connection closed in the
					// middle of it.
					throw new IncompleteStreamException(this.metadata);
				}
				// The answer had finished; only a record after it (usage) was cut off.
			}
			finally {
				this.jackson.close();
			}
			if (!this.finished) {
				if (this.choiceFinish == null && !this.endlessDialect) {
					throw new IncompleteStreamException(this.metadata);
				}
				end(this.choiceFinish);
			}
		}

		private void line(byte[] bytes, int offset, int length) {
			if (length > 0 && bytes[offset + length - 1] == '\r') {
				length--;
			}
			if (length == 0 || bytes[offset] == ':') {
				return;
			}
			if (startsWith(bytes, offset, length, DATA)) {
				int skip = (length > DATA.length && bytes[offset + DATA.length] == ' ') ? DATA.length + 1 : DATA.length;
				payload(bytes, offset + skip, length - skip);
			}
			else if (bytes[offset] == '{') {
				payload(bytes, offset, length);
			}
			else if (!isOtherSseField(bytes, offset, length)) {
				throw DecodingFailures.malformed(this.metadata, bytes, offset, length);
			}
		}

		private void payload(byte[] bytes, int offset, int length) {
			if (this.finished || length == 0) {
				return;
			}
			if (length == DONE.length && startsWith(bytes, offset, length, DONE)) {
				end(this.choiceFinish);
				return;
			}
			if (!this.scanner.read(bytes, offset, length, this.record) && !parse(bytes, offset, length)) {
				throw DecodingFailures.malformed(this.metadata, bytes, offset, length);
			}
			interpret(bytes, offset, length);
		}

		/**
		 * Reads a record that the scanner left with Jackson.
		 */
		private boolean parse(byte[] bytes, int offset, int length) {
			try {
				return this.jackson.read(bytes, offset, length, this.record);
			}
			catch (StreamConstraintsException ex) {
				throw DecodingFailures.beyondLimits(this.metadata, bytes, offset, length, ex);
			}
		}

		private void interpret(byte[] bytes, int offset, int length) {
			ContainerRecord record = this.record;
			if (record.hasError || record.tokenError != null || "error".equals(record.finishReason)) {
				throw new ContainerErrorException(record.errorDescription(), this.metadata);
			}
			if (record.hasUsage()) {
				this.usage = new TokenUsage(record.inputTokens, record.outputTokens);
			}
			if (record.hasToken) {
				if (!record.tokenSpecial) {
					emit(record.tokenText, null, List.of());
				}
				if (record.generatedText != null) {
					end(record.finishReason);
				}
			}
			else if (record.hasChoices) {
				if (this.choiceFinish == null) {
					choice(record);
				}
			}
			else if (record.outputsText != null) {
				this.endlessDialect = true;
				emit(record.outputsText, null, List.of());
			}
			else if (record.generatedText != null) {
				emit(record.generatedText, null, List.of());
				end(record.finishReason);
			}
			else if (!record.known) {
				throw DecodingFailures.unrecognized(this.metadata, bytes, offset, length);
			}
		}

		/**
		 * Passes on choice 0 of an OpenAI chunk: its text, its reasoning and the pieces
		 * of its tool calls, which are also joined for the last chunk; a chunk with only
		 * tool-call pieces counts as the model's activity for the time limits. The end
		 * waits for [DONE] or the end of the body, since the usage comes after the finish
		 * reason.
		 */
		private void choice(ContainerRecord record) {
			List<ToolCallDelta> deltas = List.of();
			if (!record.toolCallDeltas.isEmpty()) {
				if (this.toolCalls == null) {
					this.toolCalls = new ToolCallJoiner();
				}
				record.toolCallDeltas.forEach(this.toolCalls::add);
				deltas = List.copyOf(record.toolCallDeltas);
			}
			emit(record.choiceText, record.choiceReasoning, deltas);
			if (record.finishReason != null) {
				this.choiceFinish = record.finishReason;
			}
		}

		private void emit(@Nullable String text, @Nullable String reasoning, List<ToolCallDelta> toolCallDeltas) {
			String textOrEmpty = (text != null) ? text : "";
			String reasoningOrEmpty = (reasoning != null) ? reasoning : "";
			if (!textOrEmpty.isEmpty() || !reasoningOrEmpty.isEmpty() || !toolCallDeltas.isEmpty()) {
				this.out.accept(InferenceChunk.partial(textOrEmpty, reasoningOrEmpty, toolCallDeltas, this.metadata));
			}
		}

		private void end(@Nullable String finishReason) {
			this.finished = true;
			List<ToolCall> calls = (this.toolCalls != null) ? this.toolCalls.calls() : List.of();
			this.out.accept(InferenceChunk.end(finishReason, calls, this.usage, this.metadata));
		}

		private StreamingInferenceException recordTooLarge(LineFramer.RecordTooLargeException ex) {
			return new StreamingInferenceException(
					"Endpoint '" + this.metadata.endpointName() + "' sent a record longer " + "than "
							+ this.maxRecordSize + " bytes without a line break, so the stream was stopped rather "
							+ "than buffered. If this container really sends records this large, raise "
							+ "sagemaker.runtime.max-record-size.",
					StreamingInferenceException.RECORD_TOO_LARGE, this.metadata.endpointName(),
					this.metadata.requestId(), ex);
		}

		private static boolean isOtherSseField(byte[] bytes, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				byte b = bytes[i];
				if (b == ':') {
					return i > offset;
				}
				if (!(b >= 'a' && b <= 'z')) {
					return false;
				}
			}
			return false;
		}

		private static boolean startsWith(byte[] bytes, int offset, int length, byte[] prefix) {
			if (length < prefix.length) {
				return false;
			}
			for (int i = 0; i < prefix.length; i++) {
				if (bytes[offset + i] != prefix[i]) {
					return false;
				}
			}
			return true;
		}

	}

}

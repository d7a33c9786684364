package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads records with Jackson, the reference that {@link ChatChunkScanner} agrees with.
 * Bytes that are not well-formed UTF-8 are decoded first, as
 * {@code new String(bytes, UTF_8)} does, each ill-formed sequence becoming U+FFFD:
 * Jackson itself would read some of them as other characters (an overlong {@code C0 80}
 * as a NUL, {@code F4 90 80 80} as lone surrogates) and refuse others. Jackson's default
 * {@link #LIMITS} apply, whatever an application sets as its own defaults; a record
 * beyond them fails with a {@link StreamConstraintsException}.
 */
final class JacksonRecordReader {

	/**
	 * Jackson's default limits: a record nested deeper than 500 levels, or with a number
	 * of more than 1,000 digits, is refused, by the scanner as by Jackson.
	 */
	static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().build();

	/**
	 * Buffers are recycled per thread: decoding runs on the SDK's few event-loop threads.
	 */
	private static final JsonFactory JSON = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.streamReadConstraints(LIMITS)
		.build();

	private @Nullable JsonParser parser;

	/**
	 * Opens a parser of a whole document.
	 * @param bytes the document, in UTF-8
	 * @return the parser, to close
	 */
	static JsonParser parser(byte[] bytes) {
		if (Utf8.isWellFormed(bytes, 0, bytes.length)) {
			return JSON.createParser(ObjectReadContext.empty(), bytes);
		}
		return JSON.createParser(ObjectReadContext.empty(), new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Reads one whole record of a stream with the stream's own non-blocking parser, made
	 * once and fed record by record, so that no parser is built per token. A record must
	 * leave the parser at the root; otherwise it is malformed, and the parser is
	 * replaced.
	 * @return whether the record is one JSON object, with nothing after it
	 * @throws StreamConstraintsException if the record is beyond the {@link #LIMITS}
	 */
	boolean read(byte[] bytes, int offset, int length, ContainerRecord record) {
		if (!Utf8.isWellFormed(bytes, offset, length)) {
			return readText(new String(bytes, offset, length, StandardCharsets.UTF_8), record);
		}
		try {
			if (this.parser == null) {
				this.parser = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
			}
			((ByteArrayFeeder) this.parser.nonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
			if (record.read(this.parser) && this.parser.streamReadContext().inRoot()
					&& this.parser.nextToken() == JsonToken.NOT_AVAILABLE) {
				return true;
			}
			close();
			return false;
		}
		catch (StreamConstraintsException ex) {
			close();
			throw ex;
		}
		catch (JacksonException ex) {
			close();
			return false;
		}
	}

	private static boolean readText(String text, ContainerRecord record) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
			return record.read(parser) && parser.nextToken() == null;
		}
		catch (StreamConstraintsException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Releases the stream's parser, if it has one.
	 */
	void close() {
		if (this.parser != null) {
			this.parser.close();
			this.parser = null;
		}
	}

}

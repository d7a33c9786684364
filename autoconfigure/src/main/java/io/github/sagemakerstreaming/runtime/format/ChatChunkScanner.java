package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads the record that most streams are made of, an OpenAI chat or text completion chunk
 * with one choice of plain text
 * ({@code {"choices":[{"index":0,"delta":{"content":".."},"finish_reason":null}],..}}),
 * straight from its bytes, for speed. Anything else, or anything unusual in it (another
 * choice, tool calls, reasoning, usage figures, an error, a {@code \}{@code u} escape,
 * malformed JSON, anything beyond Jackson's {@link JacksonRecordReader#LIMITS}), is left
 * to the {@link JacksonRecordReader}, which is the reference: for every record this
 * scanner accepts, it fills the {@link ContainerRecord} exactly as Jackson would. It
 * decodes strings as {@code new String(bytes, UTF_8)} does, as that reader does.
 */
final class ChatChunkScanner {

	private static final byte[] CHOICES = ascii("choices");

	private static final byte[] USAGE = ascii("usage");

	private static final byte[] INDEX = ascii("index");

	private static final byte[] DELTA = ascii("delta");

	private static final byte[] MESSAGE = ascii("message");

	private static final byte[] TEXT = ascii("text");

	private static final byte[] FINISH_REASON = ascii("finish_reason");

	private static final byte[] CONTENT = ascii("content");

	private static final byte[] ROLE = ascii("role");

	private static final byte[] NULL = ascii("null");

	private static final byte[] TRUE = ascii("true");

	private static final byte[] FALSE = ascii("false");

	private static final byte[] ZERO = ascii("0");

	/**
	 * Keys of other dialects or of things this scanner leaves to Jackson, by their
	 * length, so that most keys are found foreign or not by one lookup.
	 */
	private static final byte[][][] FOREIGN = byLength(ascii("token"), ascii("generated_text"), ascii("outputs"),
			ascii("error"), ascii("details"), ascii("error_type"), ascii("code"));

	/**
	 * The bytes where a run of plain characters in a key or string stops: its closing
	 * quote, an escape, and a control character, which JSON does not allow unescaped.
	 */
	private static final boolean[] STOPS_RUN = stopsRun();

	/**
	 * Jackson's limits, kept so that the scanner never accepts a record that Jackson
	 * refuses, and never recurses deeper than Jackson reads.
	 */
	private static final int MAX_DEPTH = JacksonRecordReader.LIMITS.getMaxNestingDepth();

	private static final int MAX_NUMBER_LENGTH = JacksonRecordReader.LIMITS.getMaxNumberLength();

	private static final int MAX_NAME_LENGTH = JacksonRecordReader.LIMITS.getMaxNameLength();

	private static final int MAX_STRING_LENGTH = JacksonRecordReader.LIMITS.getMaxStringLength();

	private static final int FAILED = -1;

	/** The depths of the objects whose fields this scanner reads. */
	private static final int RECORD_DEPTH = 1;

	private static final int CHOICE_DEPTH = 3;

	private static final int DELTA_DEPTH = 4;

	private static final byte[] NO_BYTES = {};

	private byte[] bytes = NO_BYTES;

	private int end;

	private int position;

	/** Where the key just read ends. */
	private int keyEnd;

	private @Nullable String text;

	private @Nullable String finishReason;

	/**
	 * Reads a record into {@code record} if it is a plain chat or completion chunk. One
	 * scanner serves every record of a stream, one at a time.
	 * @return whether the record was read; if not, {@code record} is left as it was
	 */
	boolean read(byte[] bytes, int offset, int length, ContainerRecord record) {
		this.bytes = bytes;
		this.position = offset;
		this.end = offset + length;
		this.text = null;
		this.finishReason = null;
		boolean read = readRecord();
		this.bytes = NO_BYTES;
		if (!read) {
			return false;
		}
		record.reset();
		record.known = true;
		record.hasChoices = true;
		record.choiceText = this.text;
		record.finishReason = this.finishReason;
		return true;
	}

	private boolean readRecord() {
		if (!expect('{')) {
			return false;
		}
		boolean choices = false;
		if (!peek('}')) {
			do {
				int key = readKey();
				if (key == FAILED) {
					return false;
				}
				if (isKey(key, CHOICES)) {
					if (choices || !readChoices()) {
						return false;
					}
					choices = true;
				}
				else if (isKey(key, USAGE)) {
					// Usage figures are the rarer record: Jackson reads them.
					if (!readLiteral(NULL)) {
						return false;
					}
				}
				else if (isForeign(key) || !skipValue(RECORD_DEPTH)) {
					return false;
				}
			}
			while (next(','));
		}
		return expect('}') && atEnd() && choices;
	}

	private boolean readChoices() {
		if (!expect('[')) {
			return false;
		}
		if (next(']')) {
			return true;
		}
		return readChoice() && expect(']');
	}

	private boolean readChoice() {
		if (!expect('{')) {
			return false;
		}
		if (next('}')) {
			return true;
		}
		do {
			int key = readKey();
			if (key == FAILED) {
				return false;
			}
			if (isKey(key, INDEX)) {
				if (!readLiteral(ZERO)) {
					return false;
				}
			}
			else if (isKey(key, DELTA) || isKey(key, MESSAGE)) {
				if (!readDelta()) {
					return false;
				}
			}
			else if (isKey(key, TEXT)) {
				if (!readText()) {
					return false;
				}
			}
			else if (isKey(key, FINISH_REASON)) {
				if (!readFinishReason()) {
					return false;
				}
			}
			else if (!skipValue(CHOICE_DEPTH)) {
				return false;
			}
		}
		while (next(','));
		return expect('}');
	}

	private boolean readDelta() {
		if (readLiteral(NULL)) {
			return true;
		}
		if (!expect('{')) {
			return false;
		}
		if (next('}')) {
			return true;
		}
		do {
			int key = readKey();
			if (key == FAILED) {
				return false;
			}
			if (isKey(key, CONTENT)) {
				if (!readText()) {
					return false;
				}
			}
			else if (isKey(key, ROLE)) {
				if (!skipValue(DELTA_DEPTH)) {
					return false;
				}
			}
			else if (!readLiteral(NULL)) {
				// Tool calls, reasoning and anything else a delta may carry: Jackson
				// reads them.
				return false;
			}
		}
		while (next(','));
		return expect('}');
	}

	private boolean readText() {
		if (readLiteral(NULL)) {
			this.text = null;
			return true;
		}
		String value = readString();
		this.text = value;
		return value != null;
	}

	private boolean readFinishReason() {
		if (readLiteral(NULL)) {
			this.finishReason = null;
			return true;
		}
		String value = readString();
		this.finishReason = value;
		return value != null;
	}

	/**
	 * Reads an object key and the colon after it, and returns where the key's characters
	 * start, or {@link #FAILED}. The key's length is {@code position} minus that, less
	 * the quote and colon.
	 */
	private int readKey() {
		skipWhitespace();
		if (this.position >= this.end || this.bytes[this.position] != '"') {
			return FAILED;
		}
		int start = this.position + 1;
		int close = start;
		while (close < this.end && !STOPS_RUN[this.bytes[close] & 0xFF]) {
			close++;
		}
		if (close >= this.end || this.bytes[close] != '"' || close - start > MAX_NAME_LENGTH) {
			// Unterminated, an escape or a control character, or longer than Jackson
			// reads: Jackson decides.
			return FAILED;
		}
		this.keyEnd = close;
		this.position = close + 1;
		return expect(':') ? start : FAILED;
	}

	private boolean isKey(int start, byte[] name) {
		if (this.keyEnd - start != name.length) {
			return false;
		}
		for (int i = 0; i < name.length; i++) {
			if (this.bytes[start + i] != name[i]) {
				return false;
			}
		}
		return true;
	}

	private boolean isForeign(int start) {
		int length = this.keyEnd - start;
		if (length >= FOREIGN.length) {
			return false;
		}
		for (byte[] name : FOREIGN[length]) {
			if (isKey(start, name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads a string value; returns {@code null} if there is none, or if it has an escape
	 * this scanner leaves to Jackson ({@code \}{@code u}).
	 */
	private @Nullable String readString() {
		skipWhitespace();
		if (this.position >= this.end || this.bytes[this.position] != '"') {
			return null;
		}
		int start = this.position + 1;
		int i = start;
		boolean escaped = false;
		while (i < this.end) {
			byte b = this.bytes[i];
			if (!STOPS_RUN[b & 0xFF]) {
				i++;
			}
			else if (b == '"') {
				break;
			}
			else if (b == '\\') {
				int escape = escapeLength(i);
				if (escape < 0) {
					return null;
				}
				escaped = true;
				i += escape;
			}
			else {
				return null;
			}
		}
		if (i >= this.end || i - start > MAX_STRING_LENGTH) {
			return null;
		}
		this.position = i + 1;
		return escaped ? unescape(start, i) : new String(this.bytes, start, i - start, StandardCharsets.UTF_8);
	}

	private @Nullable String unescape(int start, int close) {
		StringBuilder text = new StringBuilder(close - start);
		int run = start;
		for (int i = start; i < close; i++) {
			if (this.bytes[i] != '\\') {
				continue;
			}
			text.append(new String(this.bytes, run, i - run, StandardCharsets.UTF_8));
			char unescaped = switch (this.bytes[i + 1]) {
				case '"' -> '"';
				case '\\' -> '\\';
				case '/' -> '/';
				case 'n' -> '\n';
				case 't' -> '\t';
				case 'r' -> '\r';
				case 'b' -> '\b';
				case 'f' -> '\f';
				default -> 0;
			};
			if (unescaped == 0) {
				return null;
			}
			text.append(unescaped);
			i++;
			run = i + 1;
		}
		return text.append(new String(this.bytes, run, close - run, StandardCharsets.UTF_8)).toString();
	}

	private boolean readLiteral(byte[] literal) {
		skipWhitespace();
		if (this.end - this.position < literal.length) {
			return false;
		}
		for (int i = 0; i < literal.length; i++) {
			if (this.bytes[this.position + i] != literal[i]) {
				return false;
			}
		}
		int after = this.position + literal.length;
		if (after < this.end && !isDelimiter(this.bytes[after])) {
			return false;
		}
		this.position = after;
		return true;
	}

	/**
	 * Skips any value, nested objects and arrays included, checking its grammar and
	 * Jackson's limits as Jackson would.
	 * @param depth the depth of the object or array that holds the value
	 */
	private boolean skipValue(int depth) {
		skipWhitespace();
		if (this.position >= this.end) {
			return false;
		}
		return switch (this.bytes[this.position]) {
			case '"' -> skipString();
			case '{' -> depth < MAX_DEPTH && skipObject(depth + 1);
			case '[' -> depth < MAX_DEPTH && skipArray(depth + 1);
			case 't' -> readLiteral(TRUE);
			case 'f' -> readLiteral(FALSE);
			case 'n' -> readLiteral(NULL);
			default -> skipNumber();
		};
	}

	private boolean skipObject(int depth) {
		this.position++;
		if (next('}')) {
			return true;
		}
		do {
			if (readKey() == FAILED || !skipValue(depth)) {
				return false;
			}
		}
		while (next(','));
		return expect('}');
	}

	private boolean skipArray(int depth) {
		this.position++;
		if (next(']')) {
			return true;
		}
		do {
			if (!skipValue(depth)) {
				return false;
			}
		}
		while (next(','));
		return expect(']');
	}

	private boolean skipString() {
		int start = this.position + 1;
		int i = start;
		while (i < this.end) {
			byte b = this.bytes[i];
			if (!STOPS_RUN[b & 0xFF]) {
				i++;
			}
			else if (b == '"') {
				this.position = i + 1;
				return i - start <= MAX_STRING_LENGTH;
			}
			else if (b == '\\') {
				int step = escapeLength(i);
				if (step < 0) {
					return false;
				}
				i += step;
			}
			else {
				return false;
			}
		}
		return false;
	}

	/**
	 * Returns the length of the escape sequence at {@code i}, or -1 if it is not one JSON
	 * allows.
	 */
	private int escapeLength(int i) {
		if (i + 1 >= this.end) {
			return -1;
		}
		return switch (this.bytes[i + 1]) {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> 2;
			case 'u' -> (i + 5 < this.end && isHex(i + 2) && isHex(i + 3) && isHex(i + 4) && isHex(i + 5)) ? 6 : -1;
			default -> -1;
		};
	}

	private boolean isHex(int i) {
		byte b = this.bytes[i];
		return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
	}

	/**
	 * Skips a number: {@code -?digits(.digits)?([eE][+-]?digits)?}, without leading
	 * zeros.
	 */
	private boolean skipNumber() {
		int i = this.position;
		if (i < this.end && this.bytes[i] == '-') {
			i++;
		}
		int digits = skipDigits(i);
		if (digits == i || (this.bytes[i] == '0' && digits > i + 1)) {
			// No digit, or a leading zero, which JSON does not allow.
			return false;
		}
		i = digits;
		if (i < this.end && this.bytes[i] == '.') {
			int fraction = skipDigits(i + 1);
			if (fraction == i + 1) {
				return false;
			}
			i = fraction;
		}
		if (i < this.end && (this.bytes[i] == 'e' || this.bytes[i] == 'E')) {
			i++;
			if (i < this.end && (this.bytes[i] == '+' || this.bytes[i] == '-')) {
				i++;
			}
			int exponent = skipDigits(i);
			if (exponent == i) {
				return false;
			}
			i = exponent;
		}
		if ((i < this.end && !isDelimiter(this.bytes[i])) || i - this.position > MAX_NUMBER_LENGTH) {
			return false;
		}
		this.position = i;
		return true;
	}

	private int skipDigits(int from) {
		int i = from;
		while (i < this.end && this.bytes[i] >= '0' && this.bytes[i] <= '9') {
			i++;
		}
		return i;
	}

	private boolean expect(char c) {
		skipWhitespace();
		if (this.position < this.end && this.bytes[this.position] == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private boolean next(char c) {
		return expect(c);
	}

	private boolean peek(char c) {
		skipWhitespace();
		return this.position < this.end && this.bytes[this.position] == c;
	}

	private boolean atEnd() {
		skipWhitespace();
		return this.position == this.end;
	}

	private void skipWhitespace() {
		while (this.position < this.end) {
			byte b = this.bytes[this.position];
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return;
			}
			this.position++;
		}
	}

	private static boolean isDelimiter(byte b) {
		return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean[] stopsRun() {
		boolean[] stops = new boolean[256];
		for (int b = 0; b < 0x20; b++) {
			stops[b] = true;
		}
		stops['"'] = true;
		stops['\\'] = true;
		return stops;
	}

	private static byte[][][] byLength(byte[]... names) {
		int longest = 0;
		for (byte[] name : names) {
			longest = Math.max(longest, name.length);
		}
		byte[][][] byLength = new byte[longest + 1][][];
		for (int length = 0; length <= longest; length++) {
			int size = length;
			byLength[length] = java.util.Arrays.stream(names)
				.filter((name) -> name.length == size)
				.toArray(byte[][]::new);
		}
		return byLength;
	}

}

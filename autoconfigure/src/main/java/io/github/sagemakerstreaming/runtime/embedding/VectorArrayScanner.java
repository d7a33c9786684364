package io.github.sagemakerstreaming.runtime.embedding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads TEI's answer, {@code [[...], ...]}, straight from its bytes: it checks each
 * number against JSON's grammar as it reads its digits (eight at a time, by
 * {@link EightDigits}, and a short decimal's without a branch on how many there are), and
 * turns most numbers into the nearest {@code float} by one exact double operation
 * ({@link FastFloat}); any other number goes to FastDoubleParser (the parser Jackson
 * ships shaded). Jackson's parser spends most of its time on each number's token, on
 * copying its bytes to characters and on parsing them again (BENCHMARKS.md).
 * <p>
 * It reads only that shape, exactly as JSON defines it, and answers anything else (an
 * object, an empty vector, a number it does not take, any byte out of place) with
 * {@code null}, so that Jackson's streaming parser reads the answer and names what is
 * wrong with it. Whatever it reads, it reads into the same {@code float}s as Jackson's
 * {@code getFloatValue()}.
 */
final class VectorArrayScanner {

	private static final int END = -1;

	/**
	 * The longest number read here; a longer one is left to Jackson, which applies its
	 * own limits to it. A {@code float} has at most 9 significant digits.
	 */
	private static final int LONGEST_NUMBER = 64;

	/**
	 * The most digits whose significand a {@code long} holds, and {@link FastFloat} may
	 * take.
	 */
	private static final int MOST_EXACT_DIGITS = 18;

	/**
	 * How many bytes from a number's start {@link #vector()} reads to take it as a short
	 * decimal: a sign, the sixteen bytes after it, and the byte after the longest.
	 */
	private static final int SHORT_DECIMAL_READ = 18;

	private static final long[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private final byte[] body;

	/** The number {@link #number(int)} read last. */
	private float number;

	private int position;

	private int dimensions = -1;

	private VectorArrayScanner(byte[] body) {
		this.body = body;
	}

	/**
	 * Reads an answer of the shape {@code [[...], ...]}.
	 * @param body the answer
	 * @return the vectors, or {@code null} if the answer is not exactly of that shape
	 */
	static @Nullable List<float[]> scan(byte[] body) {
		return new VectorArrayScanner(body).vectors();
	}

	private @Nullable List<float[]> vectors() {
		if (next() != '[') {
			return null;
		}
		List<float[]> vectors = new ArrayList<>();
		int separator;
		do {
			if (next() != '[') {
				return null;
			}
			float[] vector = vector();
			if (vector == null) {
				return null;
			}
			vectors.add(vector);
			separator = next();
		}
		while (separator == ',');
		return (separator == ']' && next() == END) ? vectors : null;
	}

	/**
	 * Reads a vector after its opening bracket: once the first vector has set the length,
	 * straight into an array of that length.
	 * <p>
	 * A short decimal, {@code -?[0-9]\.[0-9]{1,14}} directly followed by {@code ,} or
	 * {@code ]} (nearly every number of a normalised vector as TEI writes it), is read
	 * here, from the sixteen bytes after its sign as two {@code long}s: the eight bytes
	 * after the point and the six after them are each read as digits padded with zeros to
	 * eight ({@link EightDigits#padded}), so that the number is always its significand
	 * times 10<sup>-16</sup> and no branch depends on how many digits it has. Any other
	 * number, and one whose {@code float} {@link FastFloat} cannot tell, is read by
	 * {@link #number(int)}.
	 */
	private float @Nullable [] vector() {
		byte[] bytes = this.body;
		int lastShortDecimal = bytes.length - SHORT_DECIMAL_READ;
		float[] vector = new float[(this.dimensions >= 0) ? this.dimensions : 256];
		int length = 0;
		int at = this.position;
		int separator;
		do {
			at = skipWhitespace(at);
			float value = Float.NaN;
			int end = at;
			if (at <= lastShortDecimal) {
				int negative = (bytes[at] == '-') ? 1 : 0;
				long head = (long) LITTLE_ENDIAN_LONGS.get(bytes, at + negative);
				long tail = (long) LITTLE_ENDIAN_LONGS.get(bytes, at + negative + 8);
				long integer = (head & 0xFF) - '0';
				long fraction = (head >>> 16) | (tail << 48);
				// The six bytes after those, then two zero bytes, which are not digits.
				long rest = tail >>> 16;
				int fractionDigits = EightDigits.count(fraction);
				int restDigits = EightDigits.count(rest) & -(fractionDigits >>> 3);
				end = at + negative + 2 + fractionDigits + restDigits;
				if (integer >= 0 && integer <= 9 && (head & 0xFF00) == ('.' << 8) && fractionDigits > 0) {
					float magnitude = FastFloat.of(integer * 10_000_000_000_000_000L
							+ EightDigits.padded(fraction, fractionDigits) * 100_000_000L
							+ EightDigits.padded(rest, restDigits), -16);
					value = Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | (negative << 31));
				}
			}
			if (Float.isNaN(value) || (bytes[end] != ',' && bytes[end] != ']')) {
				end = number(at);
				if (end < 0) {
					return null;
				}
				value = this.number;
				end = skipWhitespace(end);
			}
			if (length == vector.length) {
				if (this.dimensions >= 0) {
					return null;
				}
				vector = Arrays.copyOf(vector, vector.length * 2);
			}
			vector[length++] = value;
			separator = (end < bytes.length) ? unsigned(bytes[end]) : END;
			at = end + 1;
		}
		while (separator == ',');
		this.position = at;
		if (separator != ']') {
			return null;
		}
		if (this.dimensions < 0) {
			this.dimensions = length;
			return (length == vector.length) ? vector : Arrays.copyOf(vector, length);
		}
		return (length == this.dimensions) ? vector : null;
	}

	/**
	 * Reads the JSON number that starts at {@code start},
	 * {@code -?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?}, into {@link #number}.
	 * @return the index after its last byte, or -1 if none starts there, it is longer
	 * than {@link #LONGEST_NUMBER}, or it is an integer Jackson reads otherwise
	 */
	private int number(int start) {
		byte[] bytes = this.body;
		int at = start;
		boolean negative = at < bytes.length && bytes[at] == '-';
		if (negative) {
			at++;
		}
		int integer = at;
		long significand = 0;
		if (at < bytes.length && bytes[at] == '0') {
			at++;
		}
		else {
			while (at < bytes.length && isDigit(bytes[at])) {
				significand = significand * 10 + (bytes[at++] - '0');
			}
			if (at == integer) {
				return -1;
			}
		}
		int digits = at - integer;
		int power = 0;
		boolean fraction = at < bytes.length && bytes[at] == '.';
		if (fraction) {
			int first = ++at;
			int count = 8;
			while (count == 8 && at + 8 <= bytes.length) {
				long eight = (long) LITTLE_ENDIAN_LONGS.get(bytes, at);
				count = EightDigits.count(eight);
				significand = significand * POWERS_OF_TEN[count] + EightDigits.value(eight, count);
				at += count;
			}
			while (at < bytes.length && isDigit(bytes[at])) {
				significand = significand * 10 + (bytes[at++] - '0');
			}
			if (at == first) {
				return -1;
			}
			digits += at - first;
			power = first - at;
		}
		boolean exponent = at < bytes.length && (bytes[at] == 'e' || bytes[at] == 'E');
		if (exponent) {
			at++;
			boolean negativeExponent = at < bytes.length && bytes[at] == '-';
			if (at < bytes.length && (bytes[at] == '+' || negativeExponent)) {
				at++;
			}
			int first = at;
			int value = 0;
			while (at < bytes.length && isDigit(bytes[at])) {
				value = Math.min(value * 10 + (bytes[at++] - '0'), LONGEST_NUMBER * 10);
			}
			if (at == first) {
				return -1;
			}
			power += negativeExponent ? -value : value;
		}
		if (at - start > LONGEST_NUMBER) {
			return -1;
		}
		// Jackson reads "-0" as the integer 0, so as +0.0, where a float parser reads
		// -0.0.
		if (!fraction && !exponent && negative && bytes[integer] == '0') {
			return -1;
		}
		float magnitude = (digits <= MOST_EXACT_DIGITS) ? FastFloat.of(significand, power) : Float.NaN;
		this.number = Float.isNaN(magnitude) ? JavaFloatParser.parseFloat(bytes, start, at - start)
				: (negative ? -magnitude : magnitude);
		return at;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	/**
	 * Returns the next byte that is not JSON whitespace, consumed, or {@link #END}.
	 */
	private int next() {
		this.position = skipWhitespace(this.position);
		return (this.position < this.body.length) ? unsigned(this.body[this.position++]) : END;
	}

	/**
	 * Returns a byte's value from 0 to 255, so that no byte reads as {@link #END}.
	 */
	private static int unsigned(byte b) {
		return b & 0xFF;
	}

	/**
	 * Returns the index of the first byte from {@code from} that is not JSON whitespace,
	 * or the length of the body.
	 */
	private int skipWhitespace(int from) {
		int at = from;
		while (at < this.body.length && isWhitespace(this.body[at])) {
			at++;
		}
		return at;
	}

	private static boolean isWhitespace(byte b) {
		return b <= ' ' && (b == ' ' || b == '\n' || b == '\r' || b == '\t');
	}

}

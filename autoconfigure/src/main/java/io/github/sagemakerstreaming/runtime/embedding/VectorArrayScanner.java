package io.github.sagemakerstreaming.runtime.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads TEI's answer, {@code [[...], ...]}, straight from its bytes: it finds each number
 * and checks it against JSON's grammar itself, and has FastDoubleParser (the parser
 * Jackson ships shaded) turn its bytes into the nearest {@code float}. Jackson's parser
 * spends a third of its time on each number's token and on copying its bytes to
 * characters before it parses them; this reads the answer in two thirds of Jackson's
 * time, four fifths of it in FastDoubleParser (BENCHMARKS.md).
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

	private final byte[] body;

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
	 */
	private float @Nullable [] vector() {
		float[] vector = new float[(this.dimensions >= 0) ? this.dimensions : 256];
		int length = 0;
		int separator;
		do {
			skipWhitespace();
			int start = this.position;
			int end = numberEnd(start);
			if (end < 0) {
				return null;
			}
			if (length == vector.length) {
				if (this.dimensions >= 0) {
					return null;
				}
				vector = Arrays.copyOf(vector, vector.length * 2);
			}
			vector[length++] = JavaFloatParser.parseFloat(this.body, start, end - start);
			this.position = end;
			separator = next();
		}
		while (separator == ',');
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
	 * Finds the end of the JSON number that starts at {@code start}:
	 * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
	 * @return the index after its last byte, or -1 if none starts there, it is longer
	 * than {@link #LONGEST_NUMBER}, or it is an integer Jackson reads otherwise
	 */
	private int numberEnd(int start) {
		int at = start;
		if (at < this.body.length && this.body[at] == '-') {
			at++;
		}
		int integer = at;
		if (at < this.body.length && this.body[at] == '0') {
			at++;
		}
		else {
			at = digits(at);
			if (at == integer) {
				return -1;
			}
		}
		boolean fraction = at < this.body.length && this.body[at] == '.';
		if (fraction) {
			int first = ++at;
			at = digits(at);
			if (at == first) {
				return -1;
			}
		}
		boolean exponent = at < this.body.length && (this.body[at] == 'e' || this.body[at] == 'E');
		if (exponent) {
			at++;
			if (at < this.body.length && (this.body[at] == '+' || this.body[at] == '-')) {
				at++;
			}
			int first = at;
			at = digits(at);
			if (at == first) {
				return -1;
			}
		}
		if (at - start > LONGEST_NUMBER) {
			return -1;
		}
		// Jackson reads "-0" as the integer 0, so as +0.0, where a float parser reads
		// -0.0.
		if (!fraction && !exponent && this.body[start] == '-' && this.body[integer] == '0') {
			return -1;
		}
		return at;
	}

	private int digits(int from) {
		int at = from;
		while (at < this.body.length && this.body[at] >= '0' && this.body[at] <= '9') {
			at++;
		}
		return at;
	}

	/**
	 * Returns the next byte that is not JSON whitespace, consumed, or {@link #END}.
	 */
	private int next() {
		skipWhitespace();
		return (this.position < this.body.length) ? this.body[this.position++] : END;
	}

	private void skipWhitespace() {
		while (this.position < this.body.length) {
			byte b = this.body[this.position];
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return;
			}
			this.position++;
		}
	}

}

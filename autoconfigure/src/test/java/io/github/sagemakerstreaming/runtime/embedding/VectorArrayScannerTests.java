package io.github.sagemakerstreaming.runtime.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The byte scanner against Jackson's streaming decoder, the reference: on fuzzed answers
 * of every shape the decoder gives bit for bit the {@code float}s Jackson's
 * {@code getFloatValue()} gives, and on whatever the scanner does not read exactly as
 * JSON it leaves the answer to Jackson.
 */
class VectorArrayScannerTests {

	private final EmbeddingAnswerDecoder decoder = new EmbeddingAnswerDecoder();

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 })
	void readsFuzzedTeiAnswersIntoTheFloatsJacksonReads(long seed) {
		Random random = new Random(seed);
		List<List<String>> vectors = vectors(random);
		byte[] body = bytes(render(vectors, random));
		assertThat(VectorArrayScanner.scan(body)).as("the scanner reads TEI's shape").isNotNull();
		assertSameFloats(body);
		for (int v = 0; v < vectors.size(); v++) {
			float[] vector = decode(body).vectors().get(v);
			for (int d = 0; d < vector.length; d++) {
				assertThat(Float.floatToIntBits(vector[d])).as("vector %d element %d", v, d)
					.isEqualTo(Float.floatToIntBits(Float.parseFloat(vectors.get(v).get(d))));
			}
		}
	}

	@Test
	void readsShortDecimalsOfEveryLengthIntoTheFloatsJacksonReads() {
		Random random = new Random(26);
		for (int round = 0; round < 200; round++) {
			List<String> vector = new ArrayList<>();
			for (int d = 0; d < 300; d++) {
				// One integer digit and 1 to 16 after the point: the scanner's short path
				// takes up to 13 of them and leaves longer ones, and those whose
				// significand
				// is no exact double, to its full path.
				StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "").append(random.nextInt(10))
					.append('.');
				int digits = 1 + random.nextInt(16);
				for (int i = 0; i < digits; i++) {
					number.append(random.nextInt(10));
				}
				vector.add(number.toString());
			}
			String separator = (round % 2 == 0) ? "," : ", ";
			String body = "[[" + String.join(separator, vector) + "]," + "[" + String.join(separator, vector) + "]]";
			assertThat(VectorArrayScanner.scan(bytes(body))).as("the scanner reads TEI's shape").isNotNull();
			assertSameFloats(bytes(body));
			float[] read = decode(bytes(body)).vectors().get(0);
			for (int d = 0; d < read.length; d++) {
				assertThat(Float.floatToRawIntBits(read[d])).as(vector.get(d))
					.isEqualTo(Float.floatToRawIntBits(Float.parseFloat(vector.get(d))));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "0.125e5", "0.125E-5", "1.5e+3", "0.1234567890123", "0.12345678901234", "0.123456789012345678",
					"9.9999999999999", "-9.9999999999999", "5.0", "-0.0", "0.0000000000001", "2.7182818284590" })
	void readsANumberWhereverTheShortPathStopsIntoTheFloatJacksonReads(String number) {
		String padding = "0.25,".repeat(8);
		for (String body : List.of("[[" + padding + number + "," + padding + "1.5]]",
				"[[" + padding + number + "]," + "[" + padding + "1.5]]", "[[" + padding + number + " ,0.5,1.5]]",
				"[[" + number + "]]")) {
			assertThat(VectorArrayScanner.scan(bytes(body))).as(body).isNotNull();
			assertSameFloats(bytes(body));
			assertThat(decode(bytes(body)).vectors().get(0)[(body.startsWith("[[" + number)) ? 0 : 8])
				.isEqualTo(Float.parseFloat(number));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[0.25,0.25,0.25,0.25,5.,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,-.5,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,01.5,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,--0.5,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,0.5.5,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,0.5-,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,0.5e,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,0.5x,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,x.5,0.25,0.25,0.25,0.25,0.25]]",
			"[[0.25,0.25,0.25,0.25,-..5,0.25,0.25,0.25,0.25,0.25]]" })
	void leavesAMalformedNumberAmongShortDecimalsToJackson(String body) {
		assertThat(VectorArrayScanner.scan(bytes(body))).isNull();
	}

	@Test
	void leavesAnAnswerCutAtAnyByteToJackson() {
		String answer = "[[-0.12345678901234,0.1234567890123,-9.5,1e-7,0.25],[0.5,-0.12345678901234,"
				+ "0.1234567890123456,2.5,-0.0]]";
		assertThat(VectorArrayScanner.scan(bytes(answer))).isNotNull();
		for (int length = 0; length < answer.length(); length++) {
			assertThat(VectorArrayScanner.scan(bytes(answer.substring(0, length)))).as("the first %d bytes", length)
				.isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(longs = { 21, 22, 23, 24, 25 })
	void readsFuzzedJumpStartAndOpenAiAnswersAsJacksonDoes(long seed) {
		Random random = new Random(seed);
		List<List<String>> vectors = vectors(random);
		String list = render(vectors, random);
		assertSameFloats(bytes("{\"embedding\": " + list + "}"));
		StringBuilder data = new StringBuilder("{\"object\":\"list\",\"data\":[");
		for (int v = 0; v < vectors.size(); v++) {
			data.append((v > 0) ? "," : "")
				.append("{\"index\":")
				.append(v)
				.append(",\"embedding\":[")
				.append(String.join(",", vectors.get(v)))
				.append("]}");
		}
		assertSameFloats(bytes(data.append("],\"usage\":{\"prompt_tokens\":3}}").toString()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-0.0", "0.0", "-0", "0", "1e-45", "-1e-45", "1.4E-45", "7e-46", "1e-50", "3.4028235e38",
			"3.4028236e38", "1e39", "-1e39", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
			"1.00000005960464477539062499", "1.00000005960464477539062501", "16777217", "1E+2", "1e-0", "-12.5e-3",
			"0.000000000000000000000000000000000000011754942" })
	void readsEdgeNumbersIntoTheFloatsJacksonReads(String number) {
		byte[] body = bytes("[[" + number + ", 1.5], [ 2 ,\t" + number + "\n]]");
		assertSameFloats(body);
		assertThat(decode(body).vectors().get(0)[0])
			.isEqualTo(this.decoder.decodeStreaming(body, "e", "r").vectors().get(0)[0]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[01]]", "[[1.]]", "[[.5]]", "[[+1]]", "[[1e]]", "[[1e+]]", "[[-]]", "[[1,]]", "[[,1]]",
			"[[1 2]]", "[[1],]", "[[1]] [", "[[1],[2,3]]", "[[1,2],[3]]", "[[NaN]]", "[[Infinity]]", "[[0x1p3]]",
			"[[1f]]", "[[\"1\"]]", "[[null]]", "[[]]", "[]", "[1]", "[[1]", "", " ", "[[1]]x" })
	void leavesWhatItDoesNotReadAsJsonToJackson(String body) {
		byte[] bytes = bytes(body);
		assertThat(VectorArrayScanner.scan(bytes)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[1.5]]~", "[[1.5]] ~", "[[1.5]]~[[2.5]]", "[[1.5]]\n~ not JSON" })
	void leavesAnAnswerFollowedByTheByteFFToJackson(String answer) {
		byte[] bytes = bytes(answer);
		bytes[answer.indexOf('~')] = (byte) 0xFF;
		assertThat(VectorArrayScanner.scan(bytes)).isNull();
		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> decode(bytes));
	}

	@Test
	void leavesANumberLongerThanAFloatNeedsToJackson() {
		byte[] bytes = bytes("[[0." + "1".repeat(200) + "]]");
		assertThat(VectorArrayScanner.scan(bytes)).isNull();
		assertSameFloats(bytes);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[1,2],[3]]", "[[1.]]", "[[NaN]]", "[[1]] x", "[[1,2]" })
	void aMalformedAnswerFailsAsJacksonsDecoderFails(String body) {
		byte[] bytes = bytes(body);
		EmbeddingException streaming = null;
		try {
			this.decoder.decodeStreaming(bytes, "e", "r");
		}
		catch (EmbeddingException ex) {
			streaming = ex;
		}
		assertThat(streaming).isNotNull();
		String expected = streaming.getMessage();
		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> decode(bytes)).withMessage(expected);
	}

	private void assertSameFloats(byte[] body) {
		List<float[]> expected = this.decoder.decodeStreaming(body, "e", "r").vectors();
		List<float[]> actual = decode(body).vectors();
		assertThat(actual).hasSameSizeAs(expected);
		for (int v = 0; v < expected.size(); v++) {
			assertThat(actual.get(v)).hasSameSizeAs(expected.get(v));
			for (int d = 0; d < expected.get(v).length; d++) {
				assertThat(Float.floatToRawIntBits(actual.get(v)[d])).as("vector %d element %d", v, d)
					.isEqualTo(Float.floatToRawIntBits(expected.get(v)[d]));
			}
		}
	}

	private EmbeddingResult decode(byte[] body) {
		return this.decoder.decode(body, "e", "r");
	}

	private static List<List<String>> vectors(Random random) {
		int count = 1 + random.nextInt(8);
		int dimensions = 1 + random.nextInt(400);
		List<List<String>> vectors = new ArrayList<>();
		for (int v = 0; v < count; v++) {
			List<String> vector = new ArrayList<>();
			for (int d = 0; d < dimensions; d++) {
				vector.add(number(random));
			}
			vectors.add(vector);
		}
		return vectors;
	}

	/**
	 * Renders the vectors with JSON whitespace of every kind, as much or as little as a
	 * container's serializer writes.
	 */
	private static String render(List<List<String>> vectors, Random random) {
		StringBuilder json = new StringBuilder(space(random)).append('[');
		for (int v = 0; v < vectors.size(); v++) {
			json.append((v > 0) ? "," : "").append(space(random)).append('[');
			for (int d = 0; d < vectors.get(v).size(); d++) {
				json.append((d > 0) ? "," : "")
					.append(space(random))
					.append(vectors.get(v).get(d))
					.append(space(random));
			}
			json.append(']').append(space(random));
		}
		return json.append(']').append(space(random)).toString();
	}

	private static String space(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> " ";
			case 1 -> "\n  ";
			case 2 -> "\t";
			case 3 -> "\r\n";
			default -> "";
		};
	}

	/**
	 * A number as the containers write one (serde_json's and Python's shortest forms,
	 * exponents, integers), or an edge of the {@code float} range.
	 */
	private static String number(Random random) {
		float gaussian = (float) (random.nextGaussian() / 32);
		return switch (random.nextInt(12)) {
			case 0 -> Float.toString(gaussian);
			case 1 -> Float.toString(gaussian).replace("E", "e");
			case 2 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(80) - 40));
			case 3 -> Integer.toString(random.nextInt(2001) - 1000);
			case 4 -> String.format(Locale.ROOT, "%.17e", random.nextGaussian());
			case 5 -> String.format(Locale.ROOT, "%.9E", random.nextGaussian() * 1e30);
			case 6 -> "-0.0";
			case 7 -> random.nextBoolean() ? "1e-45" : "-1.4e-45";
			case 8 -> random.nextBoolean() ? "3.4028235e38" : "-1e39";
			case 9 -> "0." + Math.abs(random.nextLong());
			case 10 -> Double.toString(Float.intBitsToFloat(random.nextInt()) * 1.0)
				.replace("NaN", "1.0")
				.replace("Infinity", "1");
			default -> Float.toString(gaussian * 1e-20f);
		};
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}

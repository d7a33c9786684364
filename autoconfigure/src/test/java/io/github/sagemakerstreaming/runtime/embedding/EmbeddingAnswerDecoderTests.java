package io.github.sagemakerstreaming.runtime.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedding decoder against Jackson's tree model, the reference, and on every shape
 * and every malformed answer.
 */
class EmbeddingAnswerDecoderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmbeddingAnswerDecoder decoder = new EmbeddingAnswerDecoder();

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
	void readsEveryShapeExactlyAsJacksonsTreeDoes(long seed) {
		Random random = new Random(seed);
		int count = 1 + random.nextInt(12);
		int dimensions = 1 + random.nextInt(300);
		List<String> vectors = new ArrayList<>();
		for (int v = 0; v < count; v++) {
			StringBuilder vector = new StringBuilder("[");
			for (int d = 0; d < dimensions; d++) {
				vector.append((d > 0) ? ", " : "").append(number(random));
			}
			vectors.add(vector.append(']').toString());
		}
		String list = "[" + String.join(",", vectors) + "]";
		assertSameAsTree(list, JSON.readTree(list));
		String jumpStart = "{\"embedding\": " + list + "}";
		assertSameAsTree(jumpStart, JSON.readTree(jumpStart).get("embedding"));
		String toolkit = "{\"other\": {\"nested\": [1, {\"x\": null}]}, \"embeddings\": " + list + "}";
		assertSameAsTree(toolkit, JSON.readTree(toolkit).get("embeddings"));
	}

	@Test
	void putsTheOpenAiShapeInTheOrderOfItsIndices() {
		String body = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[3.0,3.5],\"index\":2},"
				+ "{\"index\":0,\"object\":\"embedding\",\"embedding\":[1.0,1.5]},"
				+ "{\"index\":1,\"object\":\"embedding\",\"embedding\":[2,2.5]}],\"model\":\"e5\","
				+ "\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7,\"completion_tokens\":0,\"prompt_tokens_details\":null}}";
		EmbeddingResult result = decode(body);
		assertThat(result.vectors()).containsExactly(new float[] { 1.0f, 1.5f }, new float[] { 2.0f, 2.5f },
				new float[] { 3.0f, 3.5f });
		assertThat(result.usage()).isEqualTo(new TokenUsage(7, 0));
	}

	@Test
	void readsOneVectorOfJumpStartsSingleTextShape() {
		assertThat(decode("{\"embedding\": [0.5, -1e-3, 2]}").vectors())
			.containsExactly(new float[] { 0.5f, -1e-3f, 2f });
	}

	@Test
	void readsAnEmptyList() {
		assertThat(decode("[]").vectors()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[1,2],[3]]", "[[1,2],[3,4,5]]", "[[1,\"2\"]]", "[[1,null]]", "[1,2]", "[[1,2]] x",
			"[[1,2]", "{\"data\":[{\"embedding\":[1]}]}",
			"{\"data\":[{\"index\":0,\"embedding\":[1]}," + "{\"index\":0,\"embedding\":[2]}]}",
			"{\"data\":[{\"index\":1,\"embedding\":[1]}]}", "" })
	void refusesAMalformedAnswer(String body) {
		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> decode(body))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.MALFORMED_RECORD))
			.withMessageContaining("endpoint 'embedder'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[[]]", "[[],[]]", " [ [ ] ] ", "{\"embedding\":[[]]}", "{\"embeddings\":[[],[]]}",
			"{\"data\":[{\"index\":0,\"embedding\":[]}]}" })
	void refusesAnEmptyVector(String body) {
		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> decode(body))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.MALFORMED_RECORD))
			.withMessageContaining("an empty vector");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"text\"", "{\"vectors\":[[1]]}", "{\"embedding\":\"AAAA\"}",
			"{\"data\":[{\"index\":0,\"embedding\":\"AACAPw==\"}]}" })
	void refusesAnAnswerOfAnotherShapeNamingTheFormatProperty(String body) {
		assertThatExceptionOfType(EmbeddingException.class).isThrownBy(() -> decode(body))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.UNRECOGNIZED_FORMAT))
			.withMessageContaining("sagemaker.runtime.embedding.format");
	}

	@Test
	void reportsAContainersErrorObject() {
		assertThatExceptionOfType(EmbeddingException.class)
			.isThrownBy(() -> decode("{\"error\":\"Model is overloaded\",\"error_type\":\"Overloaded\"}"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ContainerErrorException.ERROR_CODE))
			.withMessageContaining("Model is overloaded");
	}

	private void assertSameAsTree(String body, JsonNode expectedVectors) {
		List<float[]> vectors = decode(body).vectors();
		assertThat(vectors).hasSize(expectedVectors.size());
		for (int v = 0; v < vectors.size(); v++) {
			JsonNode expected = expectedVectors.get(v);
			float[] actual = vectors.get(v);
			assertThat(actual).hasSize(expected.size());
			for (int d = 0; d < actual.length; d++) {
				assertThat(Float.floatToIntBits(actual[d])).as("vector %d element %d", v, d)
					.isEqualTo(Float.floatToIntBits(Float.parseFloat(expected.get(d).asString())));
			}
		}
	}

	private static String number(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> Float.toString((float) random.nextGaussian());
			case 1 -> Double.toString(random.nextGaussian() / 1000);
			case 2 -> Integer.toString(random.nextInt(2000) - 1000);
			case 3 -> String.format("%.17e", random.nextGaussian());
			default -> "0." + Math.abs(random.nextLong());
		};
	}

	private EmbeddingResult decode(String body) {
		return this.decoder.decode(body.getBytes(StandardCharsets.UTF_8), "embedder", "request-1");
	}

}

package io.github.sagemakerstreaming.runtime.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads an embedding container's answer straight into {@code float[]}s: no tree, no boxed
 * number and no {@code String} per number. TEI's answer is read from its bytes by a
 * {@link VectorArrayScanner}; every other answer (and one that scanner does not take) by
 * Jackson's streaming parser with its fast floating-point parsing, which reads every
 * shape these containers answer with:
 * <ul>
 * <li>{@code [[...], ...]}: TEI's {@code EmbedResponse} ({@code Vec<Vec<f32>>} in TEI's
 * {@code router/src/http/types.rs});</li>
 * <li>{@code {"embedding": [[...], ...]}}: the JumpStart text-embedding models (a single
 * vector {@code {"embedding": [...]}} is read as one);</li>
 * <li>{@code {"embeddings": [[...], ...]}}: the Hugging Face inference toolkit's
 * sentence-transformers handler;</li>
 * <li>{@code {"data": [{"index": i, "embedding": [...]}], "usage": {"prompt_tokens":
 * n}}}: the OpenAI embeddings answer of vLLM ({@code EmbeddingResponse} in its OpenAI
 * protocol) and LMI, put in the order of {@code index}.</li>
 * </ul>
 * An {@code error} field fails with a {@link ContainerErrorException}-coded
 * {@link EmbeddingException}; anything else fails with {@code MalformedRecord} or
 * {@code UnrecognizedFormat}.
 */
public final class EmbeddingAnswerDecoder {

	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
		.build();

	private static final int SHOWN_BYTES = 200;

	/**
	 * Decodes an answer.
	 * @param body the container's answer
	 * @param endpointName the endpoint, for the error messages
	 * @param requestId SageMaker's request id, for the error messages
	 * @return the vectors in the order of the inputs, and the usage if reported
	 * @throws EmbeddingException if the answer is not one of the shapes above
	 */
	public EmbeddingResult decode(byte[] body, @Nullable String endpointName, @Nullable String requestId) {
		List<float[]> vectors = VectorArrayScanner.scan(body);
		return (vectors != null) ? new EmbeddingResult(vectors, null) : decodeStreaming(body, endpointName, requestId);
	}

	/**
	 * Decodes an answer with Jackson's streaming parser alone: the reference that
	 * {@link VectorArrayScanner} reads the same {@code float}s as.
	 */
	EmbeddingResult decodeStreaming(byte[] body, @Nullable String endpointName, @Nullable String requestId) {
		Answer answer = new Answer(body, endpointName, requestId);
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_ARRAY) {
				answer.readVectors(parser);
			}
			else if (first == JsonToken.START_OBJECT) {
				answer.readObject(parser);
			}
			else if (first == null) {
				throw answer.malformed("an empty answer", null);
			}
			else {
				throw answer.unrecognized("an array of vectors or an object");
			}
			if (parser.nextToken() != null) {
				throw answer.malformed("content after the answer", null);
			}
		}
		catch (JacksonException ex) {
			throw answer.malformed("not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		return answer.result();
	}

	/**
	 * One answer being read: the vectors so far, their length once the first is read, and
	 * the indices of the OpenAI shape.
	 */
	private static final class Answer {

		private final byte[] body;

		private final @Nullable String endpointName;

		private final @Nullable String requestId;

		private final List<float[]> vectors = new ArrayList<>();

		private @Nullable List<Integer> indices;

		private @Nullable TokenUsage usage;

		private int dimensions = -1;

		private boolean seenVectors;

		Answer(byte[] body, @Nullable String endpointName, @Nullable String requestId) {
			this.body = body;
			this.endpointName = endpointName;
			this.requestId = requestId;
		}

		void readObject(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "embedding", "embeddings" -> readVectorsField(parser, value);
					case "data" -> readData(parser, value);
					case "usage" -> readUsage(parser, value);
					case "error" -> throw containerError(parser, value);
					default -> parser.skipChildren();
				}
			}
			if (!this.seenVectors) {
				throw unrecognized("\"embedding\", \"embeddings\" or \"data\"");
			}
		}

		/**
		 * Reads {@code [[...], ...]}, the parser on its opening bracket.
		 */
		void readVectors(JsonParser parser) {
			this.seenVectors = true;
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
				this.vectors.add(readVector(parser));
			}
			if (token != JsonToken.END_ARRAY) {
				throw malformed("a vector that is not an array of numbers", null);
			}
		}

		private void readVectorsField(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_ARRAY) {
				throw unrecognized("vectors as arrays of numbers");
			}
			this.seenVectors = true;
			JsonToken token = parser.nextToken();
			if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
				// One vector, not a list of them.
				this.vectors.add(readVector(parser, token));
				return;
			}
			while (token == JsonToken.START_ARRAY) {
				this.vectors.add(readVector(parser));
				token = parser.nextToken();
			}
			if (token != JsonToken.END_ARRAY) {
				throw malformed("a vector that is not an array of numbers", null);
			}
		}

		private void readData(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_ARRAY) {
				throw unrecognized("\"data\" as an array of embedding objects");
			}
			this.seenVectors = true;
			List<Integer> order = new ArrayList<>();
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				float[] vector = null;
				int index = -1;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken field = parser.nextToken();
					if ("embedding".equals(name)) {
						if (field != JsonToken.START_ARRAY) {
							throw unrecognized("\"embedding\" as an array of numbers (request encoding_format float)");
						}
						vector = readVector(parser);
					}
					else if ("index".equals(name) && field == JsonToken.VALUE_NUMBER_INT) {
						index = parser.getIntValue();
					}
					else {
						parser.skipChildren();
					}
				}
				if (vector == null || index < 0) {
					throw malformed("a \"data\" item without its \"embedding\" or \"index\"", null);
				}
				this.vectors.add(vector);
				order.add(index);
			}
			if (parser.currentToken() != JsonToken.END_ARRAY) {
				throw malformed("a \"data\" item that is not an object", null);
			}
			this.indices = order;
		}

		private void readUsage(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return;
			}
			int promptTokens = -1;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken field = parser.nextToken();
				if ("prompt_tokens".equals(name) && field == JsonToken.VALUE_NUMBER_INT) {
					promptTokens = parser.getIntValue();
				}
				else {
					parser.skipChildren();
				}
			}
			this.usage = (promptTokens >= 0) ? new TokenUsage(promptTokens, 0) : null;
		}

		private float[] readVector(JsonParser parser) {
			return readVector(parser, parser.nextToken());
		}

		/**
		 * Reads one vector whose first token has been read: once the first vector has set
		 * the length, straight into an array of that length.
		 */
		private float[] readVector(JsonParser parser, JsonToken firstToken) {
			float[] vector = new float[(this.dimensions >= 0) ? this.dimensions : 256];
			int length = 0;
			for (JsonToken token = firstToken; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
					throw malformed("a vector element that is not a number", null);
				}
				if (length == vector.length) {
					if (this.dimensions >= 0) {
						throw malformed("vectors of different lengths", null);
					}
					vector = Arrays.copyOf(vector, vector.length * 2);
				}
				vector[length++] = parser.getFloatValue();
			}
			if (length == 0) {
				throw malformed("an empty vector", null);
			}
			if (this.dimensions < 0) {
				this.dimensions = length;
				return (length == vector.length) ? vector : Arrays.copyOf(vector, length);
			}
			if (length != this.dimensions) {
				throw malformed("vectors of different lengths", null);
			}
			return vector;
		}

		private EmbeddingException containerError(JsonParser parser, JsonToken value) {
			String message = (value == JsonToken.VALUE_STRING) ? parser.getString() : shown();
			return new EmbeddingException("The container behind endpoint '" + this.endpointName
					+ "' answered with an error: " + message
					+ ". Check the endpoint's CloudWatch logs (/aws/sagemaker/Endpoints/" + this.endpointName + ").",
					ContainerErrorException.ERROR_CODE, this.endpointName, this.requestId, null);
		}

		EmbeddingResult result() {
			List<Integer> order = this.indices;
			if (order == null) {
				return new EmbeddingResult(this.vectors, this.usage);
			}
			float[][] placed = new float[order.size()][];
			for (int i = 0; i < order.size(); i++) {
				int index = order.get(i);
				if (index >= placed.length || placed[index] != null) {
					throw malformed("\"data\" indices that are not 0 to " + (placed.length - 1) + ", each once", null);
				}
				placed[index] = this.vectors.get(i);
			}
			return new EmbeddingResult(Arrays.asList(placed), this.usage);
		}

		EmbeddingException unrecognized(String expected) {
			return new EmbeddingException("The answer of endpoint '" + this.endpointName
					+ "' is not an embedding answer this library reads (expected " + expected + "): " + shown()
					+ ". Check that the endpoint serves an embedding model and that sagemaker.runtime.embedding.format "
					+ "matches its container.", StreamingInferenceException.UNRECOGNIZED_FORMAT, this.endpointName,
					this.requestId, null);
		}

		EmbeddingException malformed(String problem, @Nullable Throwable cause) {
			return new EmbeddingException(
					"The answer of endpoint '" + this.endpointName + "' is malformed (" + problem + "): " + shown(),
					StreamingInferenceException.MALFORMED_RECORD, this.endpointName, this.requestId, cause);
		}

		private String shown() {
			int length = Math.min(this.body.length, SHOWN_BYTES);
			String start = new String(this.body, 0, length, StandardCharsets.UTF_8);
			return (length < this.body.length) ? start + "... (" + this.body.length + " bytes)" : start;
		}

	}

}

package io.github.sagemakerstreaming.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingAnswerDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microseconds (and, with {@code -prof gc}, bytes allocated) to decode one TEI answer of
 * 32 vectors of 1,024 dimensions, for the starter's decoder and the naive decoding users
 * write by hand: Jackson's tree, then a loop over its nodes. The same vectors in
 * JumpStart's shape, {@code {"embedding": [[...]]}}, measure the decoder's Jackson
 * streaming path, which reads every shape but TEI's. {@link #numbersOnly} is the floor of
 * any decoder: FastDoubleParser on each number of the answer, its place known in advance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmbeddingDecoderBenchmark {

	static final int VECTORS = 32;

	static final int DIMENSIONS = 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmbeddingAnswerDecoder decoder = new EmbeddingAnswerDecoder();

	private byte[] answer;

	private byte[] jumpStartAnswer;

	private int[] numberStarts;

	private int[] numberEnds;

	@Setup
	public void render() {
		this.answer = teiAnswer(new Random(42));
		byte[] prefix = "{\"embedding\":".getBytes(StandardCharsets.UTF_8);
		this.jumpStartAnswer = Arrays.copyOf(prefix, prefix.length + this.answer.length + 1);
		System.arraycopy(this.answer, 0, this.jumpStartAnswer, prefix.length, this.answer.length);
		this.jumpStartAnswer[this.jumpStartAnswer.length - 1] = '}';
		this.numberStarts = new int[VECTORS * DIMENSIONS];
		this.numberEnds = new int[VECTORS * DIMENSIONS];
		int count = 0;
		for (int i = 0; i < this.answer.length; i++) {
			if (this.answer[i] != '[' && this.answer[i] != ']' && this.answer[i] != ',') {
				this.numberStarts[count] = i;
				while (this.answer[i + 1] != ',' && this.answer[i + 1] != ']') {
					i++;
				}
				this.numberEnds[count++] = i + 1;
			}
		}
	}

	/**
	 * Renders what TEI answers: normalised vectors of {@code f32}s, each written in its
	 * shortest form, as serde_json writes them.
	 */
	static byte[] teiAnswer(Random random) {
		StringBuilder json = new StringBuilder(VECTORS * DIMENSIONS * 12).append('[');
		for (int v = 0; v < VECTORS; v++) {
			json.append((v > 0) ? "," : "").append('[');
			for (int d = 0; d < DIMENSIONS; d++) {
				float value = (float) (random.nextGaussian() / Math.sqrt(DIMENSIONS));
				json.append((d > 0) ? "," : "").append(Float.toString(value).replace("E", "e"));
			}
			json.append(']');
		}
		return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public List<float[]> starter() {
		return this.decoder.decode(this.answer, "bench", "req").vectors();
	}

	@Benchmark
	public List<float[]> starterStreaming() {
		return this.decoder.decode(this.jumpStartAnswer, "bench", "req").vectors();
	}

	@Benchmark
	public float numbersOnly() {
		float sum = 0;
		for (int i = 0; i < this.numberStarts.length; i++) {
			sum += JavaFloatParser.parseFloat(this.answer, this.numberStarts[i],
					this.numberEnds[i] - this.numberStarts[i]);
		}
		return sum;
	}

	@Benchmark
	public List<float[]> naive() {
		JsonNode root = JSON.readTree(this.answer);
		List<float[]> vectors = new ArrayList<>(root.size());
		for (JsonNode node : root) {
			float[] vector = new float[node.size()];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = node.get(i).floatValue();
			}
			vectors.add(vector);
		}
		return vectors;
	}

}

package io.github.sagemakerstreaming.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.format.ContainerDialectDecoder;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds (and, with {@code -prof gc}, bytes allocated) per token to decode a
 * realistic stream of each dialect, for the starter's decoder and two references: the
 * floor, which only copies the bytes, and the naive decoding users write by hand.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {

	static final int TOKENS = 512;

	private static final ResponseMetadata METADATA = new ResponseMetadata("bench", "req", "AllTraffic",
			"text/event-stream", null);

	@Param({ "TGI", "TGI_MESSAGES", "LMI", "LMI_CHAT", "VLLM_CHAT" })
	public Dialect dialect;

	@Param({ "1", "4" })
	public int recordsPerPart;

	private List<byte[]> parts;

	private final ResponseDecoder decoder = new ContainerDialectDecoder();

	private final byte[] copyBuffer = new byte[64 * 1024];

	@Setup
	public void render() {
		this.parts = RealisticStreams.parts(this.dialect, RealisticStreams.tokens(TOKENS), this.recordsPerPart);
	}

	@Benchmark
	@OperationsPerInvocation(TOKENS)
	public void floor(Blackhole blackhole) {
		for (byte[] part : this.parts) {
			System.arraycopy(part, 0, this.copyBuffer, 0, part.length);
			blackhole.consume(this.copyBuffer);
		}
	}

	@Benchmark
	@OperationsPerInvocation(TOKENS)
	public void starter(Blackhole blackhole) {
		ResponseDecoder.Session session = this.decoder.start(METADATA);
		for (byte[] part : this.parts) {
			session.decode(part, blackhole::consume);
		}
		session.complete(blackhole::consume);
	}

	@Benchmark
	@OperationsPerInvocation(TOKENS)
	public void naive(Blackhole blackhole) {
		NaiveDecoder naive = new NaiveDecoder();
		for (byte[] part : this.parts) {
			naive.decode(part, blackhole::consume);
		}
	}

}

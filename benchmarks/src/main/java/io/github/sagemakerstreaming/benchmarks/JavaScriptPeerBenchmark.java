package io.github.sagemakerstreaming.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import tools.jackson.databind.JsonNode;

/**
 * The starter and a peer, the AWS SDK for JavaScript v3 with the usual line-iterator
 * decoding, reading the same emulator stream in the same run. Needs Node.js and
 * {@code npm ci --prefix benchmarks/peer-js}.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.sagemakerstreaming.benchmarks.JavaScriptPeerBenchmark [tokens] [rounds]}
 */
public final class JavaScriptPeerBenchmark {

	private JavaScriptPeerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int tokens = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				SageMakerRuntimeAsyncClient client = EmulatorClient.withSdkDefaults(emulator).build()) {
			emulator.register("peer", Dialect.VLLM_CHAT).tokens(RealisticStreams.tokens(tokens)).preRendered();
			StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
				.endpointName("peer")
				.build();
			List<Double> rates = new ArrayList<>();
			List<Double> firsts = new ArrayList<>();
			// Both sides measure the second half of their rounds; the JVM first warms up
			// as long again.
			for (int round = -rounds; round < rounds; round++) {
				long start = System.nanoTime();
				AtomicLong first = new AtomicLong();
				long count = template.stream("bench")
					.doOnNext((token) -> first.compareAndSet(0, System.nanoTime()))
					.count()
					.blockOptional()
					.orElse(0L);
				long elapsed = System.nanoTime() - start;
				if (count != tokens) {
					throw new IllegalStateException("Expected " + tokens + " tokens but got " + count);
				}
				if (round >= rounds / 2) {
					rates.add(tokens / (elapsed / 1e9));
					firsts.add((first.get() - start) / 1e6);
				}
			}
			JsonNode peer = JavaScriptPeer.stream(emulator, "peer", rounds);
			System.out.printf("The same %d-token stream, median of the last %d of %d rounds%n", tokens,
					rounds - rounds / 2, rounds);
			System.out.printf("| | AWS SDK for JavaScript v3 | starter | ratio |%n| --- | --- | --- | --- |%n");
			System.out.printf("| tokens per second | %.0f | %.0f | %.2f |%n", peer.get("tokensPerSecond").asDouble(),
					Figures.median(rates), Figures.median(rates) / peer.get("tokensPerSecond").asDouble());
			System.out.printf("| time to first token (ms) | %.2f | %.2f | |%n", peer.get("firstTokenMillis").asDouble(),
					Figures.median(firsts));
		}
	}

}

package io.github.sagemakerstreaming.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

/**
 * Tokens per second and time to first token through {@link StreamingInferenceTemplate},
 * against the raw SDK driven by a minimal handler that only counts payload parts (the
 * floor for anything built on the SDK), on the same emulator stream, in the same run, in
 * alternating order.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.sagemakerstreaming.benchmarks.EndToEndBenchmark [tokens] [rounds]}
 */
public final class EndToEndBenchmark {

	private EndToEndBenchmark() {
	}

	public static void main(String[] args) {
		int tokens = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		int warmup = Math.max(5, rounds / 2);
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				SageMakerRuntimeAsyncClient client = EmulatorClient.withSdkDefaults(emulator).build()) {
			emulator.register("e2e", Dialect.VLLM_CHAT).tokens(RealisticStreams.tokens(tokens));
			StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
				.endpointName("e2e")
				.build();
			List<Double> rawRates = new ArrayList<>();
			List<Double> rawFirst = new ArrayList<>();
			List<Double> starterRates = new ArrayList<>();
			List<Double> starterFirst = new ArrayList<>();
			for (int round = 0; round < warmup + rounds; round++) {
				boolean rawFirstThisRound = round % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					boolean raw = (turn == 0) == rawFirstThisRound;
					Run run = raw ? rawSdk(client, tokens) : starter(template, tokens);
					if (round >= warmup) {
						(raw ? rawRates : starterRates).add(run.tokensPerSecond());
						(raw ? rawFirst : starterFirst).add(run.firstTokenMillis());
					}
				}
			}
			double rawRate = Figures.median(rawRates);
			double starterRate = Figures.median(starterRates);
			double rawTtft = Figures.median(rawFirst);
			double starterTtft = Figures.median(starterFirst);
			System.out.printf("End to end, %d tokens a stream, median of %d rounds after %d warm-up rounds%n", tokens,
					rounds, warmup);
			System.out.printf("| | raw SDK (floor) | starter | ratio |%n| --- | --- | --- | --- |%n");
			System.out.printf("| tokens per second | %.0f | %.0f | %.1f %% |%n", rawRate, starterRate,
					100 * starterRate / rawRate);
			System.out.printf("| time to first token (ms) | %.2f | %.2f | +%.2f ms |%n", rawTtft, starterTtft,
					starterTtft - rawTtft);
		}
	}

	private static Run rawSdk(SageMakerRuntimeAsyncClient client, int tokens) {
		AtomicLong firstPart = new AtomicLong();
		long start = System.nanoTime();
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName("e2e")
			.contentType("application/json")
			.body(SdkBytes.fromUtf8String("{\"messages\":[{\"role\":\"user\",\"content\":\"bench\"}],\"stream\":true}"))
			.build();
		client
			.invokeEndpointWithResponseStream(request,
					InvokeEndpointWithResponseStreamResponseHandler.builder()
						.subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
							.onPayloadPart((part) -> firstPart.compareAndSet(0, System.nanoTime()))
							.build())
						.build())
			.join();
		return new Run(tokens, start, firstPart.get(), System.nanoTime());
	}

	static Run starter(StreamingInferenceTemplate template, int tokens) {
		AtomicLong firstToken = new AtomicLong();
		long start = System.nanoTime();
		long count = template.stream("bench")
			.doOnNext((token) -> firstToken.compareAndSet(0, System.nanoTime()))
			.count()
			.block();
		if (count != tokens) {
			throw new IllegalStateException("Expected " + tokens + " tokens but got " + count);
		}
		return new Run(tokens, start, firstToken.get(), System.nanoTime());
	}

	record Run(int tokens, long start, long first, long end) {

		double tokensPerSecond() {
			return this.tokens / ((this.end - this.start) / 1e9);
		}

		double firstTokenMillis() {
			return (this.first - this.start) / 1e6;
		}

	}

}

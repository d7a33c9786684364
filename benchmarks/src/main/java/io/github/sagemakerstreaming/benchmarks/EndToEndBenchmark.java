package io.github.sagemakerstreaming.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

/**
 * Tokens per second through {@link StreamingInferenceTemplate}, with and without time
 * limits, against the raw SDK driven by a minimal handler that only counts payload parts
 * (the floor for anything built on the SDK), and against a plain HTTP client that reads
 * the bytes and nothing else (what the server and the loopback connection deliver); then
 * the time of a one-token call, measured first. The emulator serves pre-rendered frames
 * in 64 KiB writes, so that it is not what limits the clients.
 * <p>
 * Each client runs in a JVM of its own, forked with this JVM's options: clients in one
 * JVM share the Reactor and SDK code, and whichever runs first shapes how the JIT
 * compiles it for all of them.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.sagemakerstreaming.benchmarks.EndToEndBenchmark [tokens] [rounds]}
 */
public final class EndToEndBenchmark {

	private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"bench\"}],\"stream\":true}";

	private static final String FIGURES = "figures: ";

	private static final int WARMUP_ROUNDS = 3;

	private static final int WARMUP_CALLS = 2000;

	private static final int CALLS = 500;

	private static final Map<String, String> CLIENTS = new LinkedHashMap<>();

	static {
		CLIENTS.put("http", "plain HTTP client (bytes read, nothing decoded)");
		CLIENTS.put("sdk", "raw SDK (payload parts counted)");
		CLIENTS.put("starter", "starter, no time limits");
		CLIENTS.put("starter-limits", "starter, first-token and idle limits");
		CLIENTS.put("starter-direct", "starter, direct transport, no time limits");
		CLIENTS.put("starter-direct-limits", "starter, direct transport, first-token and idle limits");
	}

	private EndToEndBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int tokens = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 9;
		if (args.length > 2) {
			measure(args[2], tokens, rounds);
			return;
		}
		Map<String, double[]> figures = new LinkedHashMap<>();
		for (String client : CLIENTS.keySet()) {
			figures.put(client, fork(client, tokens, rounds));
		}
		double[] sdk = Objects.requireNonNull(figures.get("sdk"), "the raw SDK's figures");
		double raw = sdk[1];
		double rawCall = sdk[3];
		System.out.printf(
				"End to end, %d tokens a stream, %d rounds after %d warm-up rounds, each client in its own JVM%n",
				tokens, rounds, WARMUP_ROUNDS);
		System.out.printf("| | tokens/s min | median | max | median vs raw SDK | one-token call (ms) | added |%n"
				+ "| --- | --- | --- | --- | --- | --- | --- |%n");
		figures.forEach((client, values) -> System.out.printf("| %s | %.0f | %.0f | %.0f | %.2f | %.3f | %+.3f |%n",
				CLIENTS.get(client), values[0], values[1], values[2], values[1] / raw, values[3], values[3] - rawCall));
		System.out.printf("One-token call: median of %d calls after %d warm-up calls.%n", CALLS, WARMUP_CALLS);
	}

	private static double[] fork(String client, int tokens, int rounds) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), EndToEndBenchmark.class.getName(),
				String.valueOf(tokens), String.valueOf(rounds), client));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("The " + client + " run failed: " + output);
		}
		String line = output.lines()
			.filter((candidate) -> candidate.startsWith(FIGURES))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The " + client + " run printed no figures: " + output));
		return Arrays.stream(line.substring(FIGURES.length()).split(" ")).mapToDouble(Double::parseDouble).toArray();
	}

	/**
	 * Runs one client and prints its minimum, median and maximum tokens per second and
	 * its median one-token call in milliseconds, on one line.
	 */
	private static void measure(String client, int tokens, int rounds) {
		try (SageMakerEmulator emulator = SageMakerEmulator.start();
				SageMakerRuntimeAsyncClient sdk = EmulatorClient.withSdkDefaults(emulator)
					.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
					.build()) {
			emulator.register("e2e", Dialect.VLLM_CHAT).tokens(RealisticStreams.tokens(tokens)).preRendered();
			emulator.register("one", Dialect.VLLM_CHAT).tokens(RealisticStreams.tokens(1)).preRendered();
			LongSupplier stream = run(client, sdk, emulator, "e2e", tokens);
			LongSupplier call = run(client, sdk, emulator, "one", 1);
			List<Double> calls = new ArrayList<>();
			for (int i = 0; i < WARMUP_CALLS + CALLS; i++) {
				double millis = call.getAsLong() / 1e6;
				if (i >= WARMUP_CALLS) {
					calls.add(millis);
				}
			}
			List<Double> rates = new ArrayList<>();
			for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
				double rate = tokens / (stream.getAsLong() / 1e9);
				if (round >= WARMUP_ROUNDS) {
					rates.add(rate);
				}
			}
			System.out.printf(Locale.ROOT, FIGURES + "%f %f %f %f%n", Collections.min(rates), Figures.median(rates),
					Collections.max(rates), Figures.median(calls));
		}
	}

	private static LongSupplier run(String client, SageMakerRuntimeAsyncClient sdk, SageMakerEmulator emulator,
			String endpointName, int tokens) {
		return switch (client) {
			case "http" -> {
				HttpClient http = HttpClient.newHttpClient();
				URI uri = URI.create(
						emulator.endpointOverride() + "/endpoints/" + endpointName + "/invocations-response-stream");
				yield () -> ceiling(http, uri);
			}
			case "sdk" -> () -> rawSdk(sdk, endpointName);
			case "starter" ->
				starter(StreamingInferenceTemplate.builder(sdk).endpointName(endpointName).build(), tokens);
			case "starter-limits" -> starter(StreamingInferenceTemplate.builder(sdk)
				.endpointName(endpointName)
				.firstTokenTimeout(Duration.ofSeconds(90))
				.idleTimeout(Duration.ofSeconds(60))
				.build(), tokens);
			case "starter-direct" -> starter(StreamingInferenceTemplate.builder(sdk)
				.endpointName(endpointName)
				.directTransport(NettyNioAsyncHttpClient.create())
				.build(), tokens);
			case "starter-direct-limits" -> starter(StreamingInferenceTemplate.builder(sdk)
				.endpointName(endpointName)
				.directTransport(NettyNioAsyncHttpClient.create())
				.firstTokenTimeout(Duration.ofSeconds(90))
				.idleTimeout(Duration.ofSeconds(60))
				.build(), tokens);
			default -> throw new IllegalArgumentException("Unknown client " + client + "; one of " + CLIENTS.keySet());
		};
	}

	private static long ceiling(HttpClient http, URI stream) {
		long start = System.nanoTime();
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(stream)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(BODY))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				byte[] buffer = new byte[64 * 1024];
				while (body.read(buffer) >= 0) {
					// Only the bytes' arrival is measured.
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return System.nanoTime() - start;
	}

	private static long rawSdk(SageMakerRuntimeAsyncClient client, String endpointName) {
		AtomicLong parts = new AtomicLong();
		long start = System.nanoTime();
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName(endpointName)
			.contentType("application/json")
			.body(SdkBytes.fromUtf8String(BODY))
			.build();
		client
			.invokeEndpointWithResponseStream(request,
					InvokeEndpointWithResponseStreamResponseHandler.builder()
						.subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
							.onPayloadPart((part) -> parts.incrementAndGet())
							.build())
						.build())
			.join();
		return System.nanoTime() - start;
	}

	private static LongSupplier starter(StreamingInferenceTemplate template, int tokens) {
		return () -> {
			long start = System.nanoTime();
			long count = template.stream("bench").count().blockOptional().orElse(0L);
			if (count != tokens) {
				throw new IllegalStateException("Expected " + tokens + " tokens but got " + count);
			}
			return System.nanoTime() - start;
		};
	}

}

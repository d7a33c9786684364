package io.github.sagemakerstreaming.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of concurrent streams, some cancelled at random points: every other stream
 * delivers exactly its own tokens in order, every cancelled one closes its connection,
 * and afterwards no connection is leased and no thread is left. Runs alone, so that its
 * thread and memory figures are its own.
 */
@Isolated
@ParameterizedClass
@EnumSource(Transport.class)
class StreamingInferenceTemplateLoadIntegrationTests {

	private static final int STREAMS = 500;

	private static final int TOKENS = 200;

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Parameter
	Transport transport;

	@Test
	void fiveHundredConcurrentStreamsWithTenPercentCancelledLoseAndLeakNothing() {
		String load = "load-" + this.transport.name().toLowerCase(Locale.ROOT);
		sagemaker.emulator()
			.register(load, Dialect.VLLM_CHAT)
			.answer((prompt) -> IntStream.range(0, TOKENS).mapToObj((i) -> " " + prompt + ":" + i).toList())
			.tokenDelay(Duration.ofMillis(10));
		Set<Long> threadsBefore = sdkThreads();
		resetPeakHeap();
		PoolProbe leases = new PoolProbe();
		AtomicLong tokens = new AtomicLong();
		AtomicInteger failures = new AtomicInteger();
		long start = System.nanoTime();
		try (EmulatorClient client = EmulatorClients.shared(sagemaker.emulator(),
				NettyNioAsyncHttpClient.builder().maxConcurrency(STREAMS),
				(builder) -> builder.overrideConfiguration((override) -> override.addMetricPublisher(leases)))) {
			StreamingInferenceTemplate template = this.transport.template(client).endpointName(load).build();
			List<Boolean> intact = Flux.range(0, STREAMS).flatMap((i) -> {
				String prompt = "s" + i;
				Flux<String> stream = template.stream(prompt).doOnNext((token) -> tokens.incrementAndGet());
				if (i % 10 == 0) {
					// Cancelled within the first quarter, so that the emulator is still
					// writing however busy the machine.
					return stream.take(ThreadLocalRandom.current().nextInt(1, TOKENS / 4)).then(Mono.just(true));
				}
				return stream.collectList()
					.map((received) -> received.equals(expectedTokens(prompt)))
					.onErrorResume((ex) -> {
						failures.incrementAndGet();
						return Mono.just(false);
					});
			}, STREAMS).collectList().block(Duration.ofMinutes(1));
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(intact).hasSize(STREAMS).allMatch(Boolean::booleanValue);
			assertThat(failures).hasValue(0);
			List<RecordedInvocation> invocations = sagemaker.emulator().invocations(load);
			assertThat(invocations).hasSize(STREAMS);
			for (RecordedInvocation invocation : invocations) {
				int stream = Integer
					.parseInt(invocation.bodyAsString().replaceAll(".*\"content\":\"s(\\d+)\".*", "$1"));
				if (stream % 10 == 0) {
					assertThat(invocation.awaitConnectionClosed(Duration.ofSeconds(10)))
						.as("stream %d closed its connection", stream)
						.isTrue();
				}
				else {
					assertThat(invocation.awaitOutcome(Duration.ofSeconds(10))).as("stream %d", stream)
						.isEqualTo(StreamOutcome.COMPLETED);
				}
			}
			sagemaker.emulator().register(load + "-probe", Dialect.TGI).tokens("ok");
			StreamingInferenceTemplate probe = this.transport.template(client).endpointName(load + "-probe").build();
			assertThat(leases.settledLeases(() -> probe.stream("hi").blockLast(Duration.ofSeconds(10)),
					Duration.ofSeconds(10)))
				.as("connections still leased")
				.isZero();
			System.out.printf("Load (%s): %d streams (%d cancelled), %d tokens, %d failures, %d ms, peak heap %d MiB%n",
					this.transport, STREAMS, STREAMS / 10, tokens.get(), failures.get(), millis,
					peakHeap() / (1024 * 1024));
		}
		awaitGone(threadsBefore);
	}

	private static List<String> expectedTokens(String prompt) {
		return IntStream.range(0, TOKENS).mapToObj((i) -> " " + prompt + ":" + i).toList();
	}

	private static Set<Long> sdkThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("aws-java-sdk") || thread.getName().startsWith("sdk-async"))
			.map(Thread::getId)
			.collect(Collectors.toSet());
	}

	private static void awaitGone(Set<Long> threadsBefore) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		Set<Long> left;
		do {
			left = sdkThreads();
			left.removeAll(threadsBefore);
		}
		while (!left.isEmpty() && System.nanoTime() < deadline && pause());
		assertThat(left).as("SDK threads still alive after the client was closed").isEmpty();
	}

	private static boolean pause() {
		try {
			Thread.sleep(100);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void resetPeakHeap() {
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeap() {
		return heapPools().stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
	}

}

package io.github.sagemakerstreaming.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.GcInfo;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamTimeoutException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Holds many concurrent streams on this machine: with the starter's auto-configured
 * defaults, with {@code sagemaker.runtime.transport=direct}, and with the AWS SDK's own
 * defaults, reporting failures, the latency added between tokens (each gap minus the
 * emulator's pace, p50 and p99), the heap each open stream costs and the client JVM's CPU
 * time per token. The endpoint runs in a process of its own ({@link PacedEndpoint}).
 * <p>
 * Every stream has an idle limit, and every tenth goes silent halfway through its answer:
 * the benchmark reports how many of those that went silent ended with the idle limit's
 * {@link StreamTimeoutException}, which must be all of them, however the timers' threads
 * are preempted or paused by collections.
 * <p>
 * Streams start either all at once (a burst) or spread evenly over a ramp, as users
 * arrive.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.sagemakerstreaming.benchmarks.ConcurrencyBenchmark [streams] [tokens] [pace ms] [ramp s] [starter,direct,sdk]}
 */
public final class ConcurrencyBenchmark {

	/**
	 * One stream in this many goes silent.
	 */
	private static final int SILENT_EVERY = 10;

	/**
	 * The idle limit of every stream: 40 times the default pace, since on a loaded
	 * machine a stream that keeps talking can wait seconds for its next token.
	 */
	private static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

	private ConcurrencyBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException, IOException {
		int streams = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		int tokens = (args.length > 1) ? Integer.parseInt(args[1]) : 40;
		Duration pace = Duration.ofMillis((args.length > 2) ? Integer.parseInt(args[2]) : 250);
		Duration ramp = Duration.ofSeconds((args.length > 3) ? Integer.parseInt(args[3]) : 0);
		List<String> settings = (args.length > 4) ? List.of(args[4].split(",")) : List.of("starter", "direct", "sdk");
		try (PacedEndpoint endpoint = PacedEndpoint.start(tokens, pace)) {
			System.out.printf(
					"%d concurrent streams of %d tokens, one token every %d ms, starting %s,"
							+ " the endpoint in a process of its own; an idle limit of %d s, and one stream in %d"
							+ " goes silent after %d tokens%n",
					streams, tokens, pace.toMillis(), ramp.isZero() ? "all at once" : "over " + ramp.toSeconds() + " s",
					IDLE_LIMIT.toSeconds(), SILENT_EVERY, tokens / 2);
			System.out.println("| settings | completed | failed | silent streams ended by the idle limit | peak open"
					+ " | added latency p50 | p99 | heap per open stream | client CPU per token | collections |");
			System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
			if (settings.contains("starter")) {
				try (ConfigurableApplicationContext context = starter(endpoint, "sdk")) {
					run("starter defaults", context.getBean(StreamingInferenceTemplate.class), streams, tokens, pace,
							ramp);
				}
			}
			if (settings.contains("direct")) {
				try (ConfigurableApplicationContext context = starter(endpoint, "direct")) {
					run("starter, transport=direct", context.getBean(StreamingInferenceTemplate.class), streams, tokens,
							pace, ramp);
				}
			}
			if (settings.contains("sdk")) {
				try (SageMakerRuntimeAsyncClient client = EmulatorClient.withSdkDefaults(endpoint.endpointOverride())
					.build()) {
					run("AWS SDK defaults",
							StreamingInferenceTemplate.builder(client)
								.endpointName("concurrent")
								.idleTimeout(IDLE_LIMIT)
								.build(),
							streams, tokens, pace, ramp);
				}
			}
		}
	}

	private static ConfigurableApplicationContext starter(PacedEndpoint endpoint, String transport) {
		return new SpringApplicationBuilder(Starter.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.access-key=bench", "sagemaker.runtime.credentials.secret-key=bench",
					"sagemaker.runtime.endpoint-override=" + endpoint.endpointOverride(),
					"sagemaker.runtime.endpoint-name=concurrent", "sagemaker.runtime.transport=" + transport,
					"sagemaker.runtime.idle-timeout=" + IDLE_LIMIT.toSeconds() + "s")
			.run();
	}

	private static void run(String settings, StreamingInferenceTemplate template, int streams, int tokens,
			Duration pace, Duration ramp) throws InterruptedException {
		System.gc();
		long heapBefore = heapAfterLastCollection();
		long[] added = new long[streams * tokens];
		AtomicInteger gaps = new AtomicInteger();
		AtomicInteger open = new AtomicInteger();
		AtomicInteger peakOpen = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Map<String, String> failures = new ConcurrentHashMap<>();
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger wentSilent = new AtomicInteger();
		AtomicInteger silentTimedOut = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(streams);
		long cpuBefore = processCpuNanos();
		long gcBefore = collectionMillis();
		AtomicLong delivered = new AtomicLong();
		long startNanos = System.nanoTime();
		for (int i = 0; i < streams; i++) {
			long due = startNanos + ramp.toNanos() * i / streams;
			while (System.nanoTime() < due) {
				Thread.sleep(1);
			}
			boolean silent = i % SILENT_EVERY == SILENT_EVERY - 1;
			InferenceRequest request = InferenceRequest.builder()
				.endpointName(silent ? "silent" : "concurrent")
				.prompt("s" + i)
				.build();
			template.stream(request).subscribe(new BaseSubscriber<String>() {

				private long last;

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
					requestUnbounded();
				}

				@Override
				protected void hookOnNext(String token) {
					delivered.incrementAndGet();
					long now = System.nanoTime();
					if (this.last != 0) {
						int index = gaps.getAndIncrement();
						if (index < added.length) {
							added[index] = now - this.last - pace.toNanos();
						}
					}
					this.last = now;
				}

				@Override
				protected void hookOnComplete() {
					completed.incrementAndGet();
				}

				@Override
				protected void hookOnError(Throwable failure) {
					if (silent && this.last != 0 && failure instanceof StreamTimeoutException timeout
							&& timeout.limit() == StreamTimeoutException.Limit.IDLE) {
						silentTimedOut.incrementAndGet();
						return;
					}
					failed.incrementAndGet();
					String code = (failure instanceof StreamingInferenceException streaming) ? streaming.errorCode()
							: failure.getClass().getSimpleName();
					failures.putIfAbsent(code, failure.getMessage());
				}

				@Override
				protected void hookFinally(reactor.core.publisher.SignalType type) {
					if (silent && this.last != 0) {
						wentSilent.incrementAndGet();
					}
					open.decrementAndGet();
					done.countDown();
				}

			});
		}
		Thread.sleep(Math.max(0, pace.toMillis() * tokens / 2 - ramp.toMillis() / 2));
		int openAtMiddle = open.get();
		long heapPerStream = (heapAfterLastCollection() - heapBefore) / Math.max(1, openAtMiddle);
		done.await(10, TimeUnit.MINUTES);
		double cpuPerToken = (processCpuNanos() - cpuBefore) / (double) Math.max(1, delivered.get());
		long gcMillis = collectionMillis() - gcBefore;
		int count = Math.min(gaps.get(), added.length);
		System.out.printf("| %s | %d | %d | %d of %d | %d | %.1f ms | %.1f ms | %d KiB | %.1f µs | %d ms |%n", settings,
				completed.get(), failed.get(), silentTimedOut.get(), wentSilent.get(), peakOpen.get(),
				Figures.percentile(added, count, 50) / 1e6, Figures.percentile(added, count, 99) / 1e6,
				heapPerStream / 1024, cpuPerToken / 1e3, gcMillis);
		failures.forEach((code, message) -> System.out.printf("  failed with %s, for example: %s%n", code, message));
	}

	/**
	 * Returns the heap in use just after the JVM's latest collection, which the streams'
	 * own garbage causes every few seconds. Forcing one instead would stop every stream
	 * for hundreds of milliseconds in the middle of the latencies being measured.
	 */
	private static long heapAfterLastCollection() {
		long latestStart = -1;
		long used = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			GcInfo last = ((com.sun.management.GarbageCollectorMXBean) collector).getLastGcInfo();
			if (last != null && last.getStartTime() > latestStart) {
				latestStart = last.getStartTime();
				used = last.getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
			}
		}
		return used;
	}

	/**
	 * Returns the time this JVM's collectors have spent collecting, pauses included.
	 */
	private static long collectionMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	/**
	 * Returns the CPU time this JVM has used, on all its threads.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** The application: nothing but the starter's auto-configuration. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SageMakerRuntimeAutoConfiguration.class)
	static class Starter {

	}

}

package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Reads the SDK's own HTTP pool metrics: for each call, how many connections other calls
 * held when it acquired its own. The SDK publishes a call's metrics when the call
 * completes, so values may arrive out of order; a leaked connection, though, shows in
 * every value from then on.
 */
final class PoolProbe implements MetricPublisher {

	private final List<Integer> leased = new CopyOnWriteArrayList<>();

	@Override
	public void publish(MetricCollection metrics) {
		this.leased.addAll(metrics.childrenWithName("ApiCallAttempt")
			.flatMap((attempt) -> attempt.children().stream())
			.flatMap((http) -> http.metricValues(HttpMetric.LEASED_CONCURRENCY).stream())
			.toList());
	}

	/**
	 * Forgets the values seen so far.
	 */
	void reset() {
		this.leased.clear();
	}

	/**
	 * Returns the fewest connections held by other calls that any call seen since the
	 * last reset found.
	 */
	int fewestLeasedByOthers() {
		return this.leased.stream().mapToInt(Integer::intValue).min().orElse(-1);
	}

	/**
	 * Makes calls through the probe until one finds no connection leased by others, or
	 * the time is up. Cancelled calls give their connections back asynchronously, so a
	 * lease may trail a cancellation by a moment; a leaked one never comes back.
	 * @param call one call through the client under test
	 * @param timeout how long to keep trying
	 * @return the fewest connections held by others that a call found
	 */
	int settledLeases(Runnable call, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			reset();
			call.run();
			call.run();
			if (fewestLeasedByOthers() == 0) {
				return 0;
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		while (System.nanoTime() < deadline);
		return fewestLeasedByOthers();
	}

	@Override
	public void close() {
	}

}

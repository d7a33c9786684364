package io.github.sagemakerstreaming.runtime.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Publishes the HTTP connection pool state that the AWS SDK reports with every call to
 * Micrometer, tagged {@code client}, so that a dashboard shows a starving pool before
 * users feel it:
 * <ul>
 * <li>{@value MeterNames#HTTP_CONNECTIONS_LEASED},
 * {@value MeterNames#HTTP_CONNECTIONS_PENDING},
 * {@value MeterNames#HTTP_CONNECTIONS_AVAILABLE} and
 * {@value MeterNames#HTTP_CONNECTIONS_MAX}: gauges of the pool as the latest call found
 * it when it acquired its connection;
 * <li>{@value MeterNames#HTTP_CONNECTIONS_ACQUIRE}: a timer of how long calls waited for
 * a connection.
 * </ul>
 * The SDK publishes a call's metrics when the call completes, so a long stream reports
 * its wait when it ends.
 */
public final class HttpPoolMetricPublisher implements MetricPublisher {

	private final AtomicInteger leased = new AtomicInteger();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicInteger available = new AtomicInteger();

	private final AtomicInteger max = new AtomicInteger();

	private final Timer acquire;

	/**
	 * Creates a publisher and registers its meters.
	 * @param registry the meter registry
	 * @param clientName the value of the {@code client} tag
	 */
	public HttpPoolMetricPublisher(MeterRegistry registry, String clientName) {
		Tags tags = Tags.of("client", clientName);
		gauge(registry, MeterNames.HTTP_CONNECTIONS_LEASED,
				"Connections leased to other calls when the latest call acquired one", tags, this.leased);
		gauge(registry, MeterNames.HTTP_CONNECTIONS_PENDING,
				"Calls waiting for a connection when the latest call acquired one", tags, this.pending);
		gauge(registry, MeterNames.HTTP_CONNECTIONS_AVAILABLE, "Free connections when the latest call acquired one",
				tags, this.available);
		gauge(registry, MeterNames.HTTP_CONNECTIONS_MAX, "Maximum number of connections", tags, this.max);
		this.acquire = Timer.builder(MeterNames.HTTP_CONNECTIONS_ACQUIRE)
			.description("Time calls waited for a connection")
			.tags(tags)
			.register(registry);
	}

	private static void gauge(MeterRegistry registry, String name, String description, Tags tags, AtomicInteger value) {
		Gauge.builder(name, value, AtomicInteger::get).description(description).tags(tags).register(registry);
	}

	@Override
	public void publish(MetricCollection metrics) {
		metrics.metricValues(HttpMetric.LEASED_CONCURRENCY).forEach(this.leased::set);
		metrics.metricValues(HttpMetric.PENDING_CONCURRENCY_ACQUIRES).forEach(this.pending::set);
		metrics.metricValues(HttpMetric.AVAILABLE_CONCURRENCY).forEach(this.available::set);
		metrics.metricValues(HttpMetric.MAX_CONCURRENCY).forEach(this.max::set);
		metrics.metricValues(HttpMetric.CONCURRENCY_ACQUIRE_DURATION).forEach(this.acquire::record);
		metrics.children().forEach(this::publish);
	}

	@Override
	public void close() {
	}

}

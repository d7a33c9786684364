package io.github.sagemakerstreaming.autoconfigure;

import io.github.sagemakerstreaming.runtime.metrics.HttpPoolMetricPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the HTTP connection pool metrics of the auto-configured client to the
 * application's {@link MeterRegistry}, tagged {@code client=sageMakerRuntimeAsyncClient}.
 * The meters are registered when the client is built with the publisher, so none exist
 * for an application's own client, whose pool the starter cannot see.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, SageMakerRuntimeAsyncClient.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "sagemaker.runtime.enabled", matchIfMissing = true)
public final class SageMakerRuntimeMetricsAutoConfiguration {

	@Bean
	SageMakerRuntimeAsyncClientCustomizer sageMakerRuntimeHttpPoolMetricsCustomizer(MeterRegistry registry) {
		return (builder) -> builder.overrideConfiguration(builder.overrideConfiguration()
			.toBuilder()
			.addMetricPublisher(new HttpPoolMetricPublisher(registry, "sageMakerRuntimeAsyncClient"))
			.build());
	}

}

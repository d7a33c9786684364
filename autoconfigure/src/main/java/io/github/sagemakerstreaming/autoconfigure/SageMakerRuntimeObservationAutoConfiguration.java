package io.github.sagemakerstreaming.autoconfigure;

import io.github.sagemakerstreaming.runtime.observation.EmbeddingMeterObservationHandler;
import io.github.sagemakerstreaming.runtime.observation.StreamMeterObservationHandler;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observes every stream of the auto-configured template ({@code gen_ai.client.operation})
 * when the application has an {@link ObservationRegistry}; with a {@link MeterRegistry},
 * also records time to first token and the tokens of streams and embeddings. A
 * {@link StreamObservationConvention} bean replaces the default names.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "sagemaker.runtime.enabled", matchIfMissing = true)
public final class SageMakerRuntimeObservationAutoConfiguration {

	@Bean
	StreamingInferenceTemplateCustomizer sageMakerStreamObservationTemplateCustomizer(ObservationRegistry registry,
			ObjectProvider<StreamObservationConvention> convention) {
		return (builder) -> builder.observationRegistry(registry).observationConvention(convention.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class StreamMetersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StreamMeterObservationHandler sageMakerStreamMeterObservationHandler(MeterRegistry registry) {
			return new StreamMeterObservationHandler(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		EmbeddingMeterObservationHandler sageMakerEmbeddingMeterObservationHandler(MeterRegistry registry) {
			return new EmbeddingMeterObservationHandler(registry);
		}

	}

}

package io.github.sagemakerstreaming.autoconfigure;

import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of an {@link EmbeddingTemplate} on the same client as the streaming
 * template, from {@code sagemaker.runtime.embedding.*} and the shared retry settings,
 * observed by the application's {@link ObservationRegistry} when it has one. A user's own
 * template wins.
 */
@AutoConfiguration(after = SageMakerRuntimeAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean({ SageMakerRuntimeAsyncClient.class, SageMakerRuntimeProperties.class })
public final class SageMakerEmbeddingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddingTemplate sageMakerEmbeddingTemplate(SageMakerRuntimeAsyncClient client,
			SageMakerRuntimeProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
		SageMakerRuntimeProperties.Embedding embedding = properties.getEmbedding();
		SageMakerRuntimeProperties.Retry retry = properties.getRetry();
		EmbeddingTemplate.Builder builder = EmbeddingTemplate.builder(client);
		PropertyMapper map = PropertyMapper.get();
		map.from(embedding::getEndpointName).to(builder::endpointName);
		map.from(embedding::getInferenceComponentName).to(builder::inferenceComponentName);
		map.from(embedding::getFormat).to(builder::format);
		map.from(embedding::getBatchSize).to(setting("batch-size", builder::batchSize));
		map.from(embedding::getConcurrency).to(setting("concurrency", builder::concurrency));
		map.from(embedding::getTimeout).to(setting("timeout", builder::timeout));
		builder.retry(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff());
		observationRegistry.ifAvailable(builder::observationRegistry);
		return builder.build();
	}

	/**
	 * Applies a property to the builder, which checks it, and reports a value it refuses
	 * against the property.
	 */
	private static <T> Consumer<T> setting(String property, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("sagemaker.runtime.embedding." + property, value,
						ex.getMessage());
			}
		};
	}

}

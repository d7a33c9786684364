package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.github.sagemakerstreaming.springai.SageMakerChatModel;
import io.github.sagemakerstreaming.springai.SageMakerEmbeddingModel;
import io.github.sagemakerstreaming.springai.SageMakerEmbeddingOptions;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link SageMakerEmbeddingModel} on the application's
 * {@link EmbeddingTemplate}, so that the endpoint configured under
 * {@code sagemaker.runtime.embedding.*} is a Spring AI embedding model, with the default
 * options of {@code spring.ai.sagemaker.embedding.*} over the template's defaults. It
 * backs off when {@code spring.ai.model.embedding} names another provider (set it to
 * {@code sagemaker}, or leave it unset) and when the application has a
 * {@link SageMakerEmbeddingModel} of its own.
 */
@AutoConfiguration(afterName = { "io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ EmbeddingModel.class, EmbeddingTemplate.class })
@ConditionalOnBean(EmbeddingTemplate.class)
@ConditionalOnProperty(name = SpringAIModelProperties.EMBEDDING_MODEL, havingValue = SageMakerChatModel.MODEL_SELECTOR,
		matchIfMissing = true)
@EnableConfigurationProperties(SageMakerEmbeddingProperties.class)
public final class SageMakerEmbeddingModelAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SageMakerEmbeddingModel sageMakerSpringAiEmbeddingModel(EmbeddingTemplate template,
			SageMakerEmbeddingProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EmbeddingModelObservationConvention> observationConvention) {
		return SageMakerEmbeddingModel.builder()
			.template(template)
			.defaultOptions(SageMakerEmbeddingOptions.builder()
				.endpointName(properties.getEndpointName())
				.inferenceComponentName(properties.getInferenceComponentName())
				.dimensions(properties.getDimensions())
				.build())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.build();
	}

}

package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import io.github.sagemakerstreaming.langchain4j.SageMakerEmbeddingModel;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of LangChain4j's {@link EmbeddingModel} on the application's
 * {@link EmbeddingTemplate}, so that the endpoint configured under
 * {@code sagemaker.runtime.embedding.*} serves embedding stores and retrievers, with the
 * default request parameters of {@code langchain4j.sagemaker.embedding-model.*}. It backs
 * off to a SageMaker embedding model of the application's own, and only to that: the
 * models of other providers sit beside it.
 */
@AutoConfiguration(afterName = "io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration")
@ConditionalOnClass({ EmbeddingModel.class, EmbeddingTemplate.class })
@ConditionalOnBean(EmbeddingTemplate.class)
@EnableConfigurationProperties(SageMakerLangChain4jProperties.class)
public final class SageMakerLangChain4jEmbeddingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SageMakerEmbeddingModel.class)
	SageMakerEmbeddingModel sageMakerLangChain4jEmbeddingModel(EmbeddingTemplate template,
			SageMakerLangChain4jProperties properties) {
		SageMakerLangChain4jProperties.EmbeddingModel embedding = properties.getEmbeddingModel();
		return SageMakerEmbeddingModel.builder()
			.template(template)
			.defaultRequestParameters(EmbeddingRequestParameters.builder()
				.modelName(embedding.getEndpointName())
				.dimensions(embedding.getDimensions())
				.build())
			.inferenceComponentName(embedding.getInferenceComponentName())
			.build();
	}

}

package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.sagemakerstreaming.langchain4j.SageMakerEmbeddingModel;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of LangChain4j's {@link EmbeddingModel} on the application's
 * {@link EmbeddingTemplate}, so that the endpoint configured under
 * {@code sagemaker.runtime.embedding.*} serves embedding stores and retrievers. It backs
 * off to an embedding model of the application's own.
 */
@AutoConfiguration(afterName = "io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration")
@ConditionalOnClass({ EmbeddingModel.class, EmbeddingTemplate.class })
@ConditionalOnBean(EmbeddingTemplate.class)
public final class SageMakerLangChain4jEmbeddingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EmbeddingModel.class)
	SageMakerEmbeddingModel sageMakerLangChain4jEmbeddingModel(EmbeddingTemplate template) {
		return SageMakerEmbeddingModel.builder().template(template).build();
	}

}

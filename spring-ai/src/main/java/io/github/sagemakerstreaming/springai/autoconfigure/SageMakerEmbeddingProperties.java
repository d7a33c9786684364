package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.springai.SageMakerEmbeddingOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the SageMaker Spring AI embedding model: its default
 * options, over the embedding template's defaults
 * ({@code sagemaker.runtime.embedding.*}). A name or value that the SageMaker Runtime API
 * refuses fails as it is bound.
 */
@ConfigurationProperties(SageMakerEmbeddingProperties.PREFIX)
public class SageMakerEmbeddingProperties extends SageMakerModelProperties {

	/** The prefix of the embedding model's properties. */
	public static final String PREFIX = "spring.ai.sagemaker.embedding";

	/**
	 * Length of the vectors to ask for, sent as 'dimensions'.
	 */
	private @Nullable Integer dimensions;

	public @Nullable Integer getDimensions() {
		return this.dimensions;
	}

	public void setDimensions(@Nullable Integer dimensions) {
		SageMakerEmbeddingOptions.builder().dimensions(dimensions);
		this.dimensions = dimensions;
	}

}

package io.github.sagemakerstreaming.springai;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.embedding.EmbeddingOptions;

/**
 * The options of a {@link SageMakerEmbeddingModel}: the endpoint and inference component
 * to call, and the length of the vectors to ask for. An option left unset takes the
 * model's default, then the {@code EmbeddingTemplate}'s.
 */
public final class SageMakerEmbeddingOptions implements EmbeddingOptions {

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable Integer dimensions;

	private SageMakerEmbeddingOptions(@Nullable String endpointName, @Nullable String inferenceComponentName,
			@Nullable Integer dimensions) {
		this.endpointName = endpointName;
		this.inferenceComponentName = inferenceComponentName;
		this.dimensions = dimensions;
	}

	/**
	 * Starts options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the endpoint, which is what names the model on SageMaker.
	 * @return the endpoint name, or {@code null} if unset
	 */
	@Override
	public @Nullable String getModel() {
		return this.endpointName;
	}

	/**
	 * Returns the endpoint to call.
	 * @return the endpoint name, or {@code null} if unset
	 */
	public @Nullable String getEndpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the inference component to call.
	 * @return the inference component name, or {@code null} if unset
	 */
	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the length of the vectors to ask for, sent as {@code dimensions} (TEI and
	 * the OpenAI format truncate the model's vectors to it).
	 * @return the dimensions, or {@code null} for the model's own
	 */
	@Override
	public @Nullable Integer getDimensions() {
		return this.dimensions;
	}

	/**
	 * Returns these options with every option that is set in the other replacing this
	 * one's.
	 * @param other the options that win, of any type
	 * @return the merged options
	 */
	public SageMakerEmbeddingOptions overriddenBy(@Nullable EmbeddingOptions other) {
		if (other == null) {
			return this;
		}
		Builder merged = builder().endpointName(this.endpointName)
			.inferenceComponentName(this.inferenceComponentName)
			.dimensions(this.dimensions);
		if (other instanceof SageMakerEmbeddingOptions sagemaker) {
			if (sagemaker.endpointName != null) {
				merged.endpointName(sagemaker.endpointName);
			}
			if (sagemaker.inferenceComponentName != null) {
				merged.inferenceComponentName(sagemaker.inferenceComponentName);
			}
		}
		else if (other.getModel() != null) {
			merged.endpointName(other.getModel());
		}
		if (other.getDimensions() != null) {
			merged.dimensions(other.getDimensions());
		}
		return merged.build();
	}

	/**
	 * Builds {@link SageMakerEmbeddingOptions}.
	 */
	public static final class Builder {

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable Integer dimensions;

		private Builder() {
		}

		/**
		 * Sets the endpoint to call.
		 * @param endpointName the endpoint name
		 * @return this builder
		 */
		public Builder endpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the inference component to call.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the length of the vectors to ask for.
		 * @param dimensions the dimensions, at least 1
		 * @return this builder
		 */
		public Builder dimensions(@Nullable Integer dimensions) {
			if (dimensions != null && dimensions < 1) {
				throw new IllegalArgumentException("dimensions must be at least 1, but was " + dimensions);
			}
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public SageMakerEmbeddingOptions build() {
			return new SageMakerEmbeddingOptions(this.endpointName, this.inferenceComponentName, this.dimensions);
		}

	}

}

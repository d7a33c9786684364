package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.runtime.InvocationOptions;
import org.jspecify.annotations.Nullable;

/**
 * The properties of every SageMaker Spring AI model: where it goes instead of the
 * template's default. A name that the SageMaker Runtime API refuses fails as it is bound.
 */
public abstract class SageMakerModelProperties {

	/**
	 * Name of the SageMaker endpoint the model invokes instead of the template's.
	 */
	private @Nullable String endpointName;

	/**
	 * Name of the inference component (or adapter) the model invokes instead of the
	 * template's.
	 */
	private @Nullable String inferenceComponentName;

	public @Nullable String getEndpointName() {
		return this.endpointName;
	}

	public void setEndpointName(@Nullable String endpointName) {
		InvocationOptions.builder().endpointName(endpointName);
		this.endpointName = endpointName;
	}

	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	public void setInferenceComponentName(@Nullable String inferenceComponentName) {
		InvocationOptions.builder().inferenceComponentName(inferenceComponentName);
		this.inferenceComponentName = inferenceComponentName;
	}

}

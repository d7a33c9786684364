package io.github.sagemakerstreaming.autoconfigure;

import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

/**
 * Callback to customize the builder of the auto-configured
 * {@code SageMakerRuntimeAsyncClient}. Every customizer bean runs, in
 * {@link org.springframework.core.annotation.Order @Order}, after the
 * {@code sagemaker.runtime.*} properties have been applied, so a customizer has the last
 * word. To change the HTTP client beyond the properties, set a new one with
 * {@link SageMakerRuntimeAsyncClientBuilder#httpClientBuilder}.
 */
@FunctionalInterface
public interface SageMakerRuntimeAsyncClientCustomizer {

	/**
	 * Customizes the client builder.
	 * @param builder the builder, with the properties applied
	 */
	void customize(SageMakerRuntimeAsyncClientBuilder builder);

}

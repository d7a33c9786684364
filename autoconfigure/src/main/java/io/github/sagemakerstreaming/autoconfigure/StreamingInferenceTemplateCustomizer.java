package io.github.sagemakerstreaming.autoconfigure;

import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

/**
 * Callback to customize the builder of the auto-configured
 * {@link StreamingInferenceTemplate} after the {@code sagemaker.runtime.*} properties
 * have been applied. Customizer beans run in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface StreamingInferenceTemplateCustomizer {

	/**
	 * Customizes the template builder.
	 * @param builder the builder, with the properties applied
	 */
	void customize(StreamingInferenceTemplate.Builder builder);

}

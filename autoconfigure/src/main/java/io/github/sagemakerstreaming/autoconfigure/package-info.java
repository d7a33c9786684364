/**
 * Spring Boot auto-configuration of a {@code SageMakerRuntimeAsyncClient} and a
 * {@code StreamingInferenceTemplate} from {@code sagemaker.runtime.*} properties.
 */
package io.github.sagemakerstreaming.autoconfigure;

/**
 * Spring Boot auto-configuration of a {@code SageMakerRuntimeAsyncClient} and a
 * {@code StreamingInferenceTemplate} from {@code sagemaker.runtime.*} properties.
 */
@NullMarked
package io.github.sagemakerstreaming.autoconfigure;

import org.jspecify.annotations.NullMarked;

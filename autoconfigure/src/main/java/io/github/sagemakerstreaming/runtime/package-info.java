/**
 * Streaming inference from Amazon SageMaker endpoints as Reactor {@code Flux} streams,
 * free of Spring Boot:
 * {@link io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate} and its
 * request, response and exception types.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime;

import org.jspecify.annotations.NullMarked;

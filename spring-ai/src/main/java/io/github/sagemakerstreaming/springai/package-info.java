/**
 * A Spring AI chat model for models hosted on SageMaker endpoints, on
 * {@code StreamingInferenceTemplate}.
 */
@NullMarked
package io.github.sagemakerstreaming.springai;

import org.jspecify.annotations.NullMarked;

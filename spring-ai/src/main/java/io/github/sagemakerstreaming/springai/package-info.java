/**
 * A Spring AI chat model for models hosted on SageMaker endpoints, on
 * {@code StreamingInferenceTemplate}.
 */
package io.github.sagemakerstreaming.springai;

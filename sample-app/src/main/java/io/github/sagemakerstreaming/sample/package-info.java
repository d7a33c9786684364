/**
 * The sample application: a streaming chat page over {@code StreamingInferenceTemplate}.
 */
package io.github.sagemakerstreaming.sample;

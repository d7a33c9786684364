/**
 * The sample application: a streaming chat page over {@code StreamingInferenceTemplate}.
 */
@NullMarked
package io.github.sagemakerstreaming.sample;

import org.jspecify.annotations.NullMarked;

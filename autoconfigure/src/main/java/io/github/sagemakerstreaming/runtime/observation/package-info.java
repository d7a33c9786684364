/**
 * Micrometer observation of streams and embeddings: one observation per stream, with time
 * to first token, tokens, outcome and error code, and one per {@code embed} and per batch
 * within it, named after the OpenTelemetry GenAI semantic conventions.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.observation;

import org.jspecify.annotations.NullMarked;

/**
 * Micrometer observation of streams: one observation per stream, with time to first
 * token, tokens, outcome and error code, named after the OpenTelemetry GenAI semantic
 * conventions.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.observation;

import org.jspecify.annotations.NullMarked;

/**
 * Benchmarks of the starter against the raw AWS SDK and the usual hand-written decoding;
 * see {@code BENCHMARKS.md} for how to run them.
 */
@NullMarked
package io.github.sagemakerstreaming.benchmarks;

import org.jspecify.annotations.NullMarked;

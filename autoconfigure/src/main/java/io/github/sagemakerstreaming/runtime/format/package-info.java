/**
 * Decoding of SageMaker {@code PayloadPart} bytes into tokens: byte-level framing across
 * parts, the container dialects, and the
 * {@link io.github.sagemakerstreaming.runtime.format.ResponseDecoder} SPI for containers
 * of one's own.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.format;

import org.jspecify.annotations.NullMarked;

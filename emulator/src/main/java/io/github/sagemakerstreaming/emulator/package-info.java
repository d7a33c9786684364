/**
 * A local, wire-exact Amazon SageMaker Runtime endpoint that streams container dialects
 * over the {@code application/vnd.amazon.eventstream} framing, with fault injection, for
 * tests and development.
 */
@NullMarked
package io.github.sagemakerstreaming.emulator;

import org.jspecify.annotations.NullMarked;

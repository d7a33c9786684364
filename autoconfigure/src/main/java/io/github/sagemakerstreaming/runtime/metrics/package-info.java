/**
 * The AWS SDK's HTTP connection pool metrics, bridged to Micrometer.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.metrics;

import org.jspecify.annotations.NullMarked;

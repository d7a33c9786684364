/**
 * The AWS SDK's HTTP connection pool metrics, bridged to Micrometer.
 */
package io.github.sagemakerstreaming.runtime.metrics;

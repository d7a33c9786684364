/**
 * Auto-configuration of the SageMaker Spring AI chat model.
 */
@NullMarked
package io.github.sagemakerstreaming.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;

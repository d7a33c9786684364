/**
 * Auto-configuration of the SageMaker Spring AI chat model.
 */
package io.github.sagemakerstreaming.springai.autoconfigure;

/**
 * Embeddings from Amazon SageMaker endpoints, free of Spring Boot:
 * {@link io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate} batches a list
 * of texts into {@code InvokeEndpoint} calls and reads the vectors back in order.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.embedding;

import org.jspecify.annotations.NullMarked;

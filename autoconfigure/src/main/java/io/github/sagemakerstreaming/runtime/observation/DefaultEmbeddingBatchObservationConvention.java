package io.github.sagemakerstreaming.runtime.observation;

import io.github.sagemakerstreaming.runtime.metrics.MeterNames;

/**
 * The names of the observation of one batch within an {@code embed}: its own meter,
 * {@value MeterNames#EMBEDDING_BATCH}, so that a batch is never counted as an operation,
 * with the keys of {@link DefaultEmbeddingObservationConvention}; contextual name
 * {@code invoke ENDPOINT}.
 */
public class DefaultEmbeddingBatchObservationConvention extends DefaultEmbeddingObservationConvention {

	@Override
	public String getName() {
		return MeterNames.EMBEDDING_BATCH;
	}

	@Override
	public String getContextualName(EmbeddingObservationContext context) {
		return "invoke " + context.getEndpointName();
	}

}

package io.github.sagemakerstreaming.runtime.observation;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Counts the tokens the container reported for an {@code embed} (not for its batches,
 * whose tokens the {@code embed} sums when every batch reported them, and leaves
 * uncounted otherwise, as its result does), as the counter
 * {@value MeterNames#TOKEN_USAGE} with {@code gen_ai.token.type} {@code input} and
 * {@code total}, as Spring AI's embedding-model counter does, and with its tag keys, so
 * that the two are one meter. An {@code embed} inside another GenAI client operation,
 * such as a Spring AI embedding model's, leaves its tokens to that operation, so that
 * they are counted once.
 */
public class EmbeddingMeterObservationHandler implements ObservationHandler<EmbeddingObservationContext> {

	private final MeterRegistry registry;

	/**
	 * Creates a handler.
	 * @param registry where to record
	 */
	public EmbeddingMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStop(EmbeddingObservationContext context) {
		TokenUsage usage = context.getUsage();
		if (usage == null || context.isNested() || context.getLevel() != EmbeddingObservationContext.Level.EMBED) {
			return;
		}
		Tags tags = Tags.of(StreamMeterObservationHandler.OPERATION_NAME,
				DefaultEmbeddingObservationConvention.OPERATION, StreamMeterObservationHandler.SYSTEM,
				MeterNames.PROVIDER, StreamMeterObservationHandler.REQUEST_MODEL,
				DefaultStreamObservationConvention.orNone(context.getModel()),
				StreamMeterObservationHandler.RESPONSE_MODEL, context.getEndpointName());
		tokens(tags, "input", usage.inputTokens());
		tokens(tags, "total", usage.inputTokens());
	}

	private void tokens(Tags tags, String type, int count) {
		Counter.builder(MeterNames.TOKEN_USAGE)
			.description("Measures number of input and output tokens used")
			.tags(tags.and(StreamMeterObservationHandler.TOKEN_TYPE, type))
			.register(this.registry)
			.increment(count);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingObservationContext;
	}

}

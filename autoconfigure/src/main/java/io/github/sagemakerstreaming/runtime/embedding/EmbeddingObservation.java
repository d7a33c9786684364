package io.github.sagemakerstreaming.runtime.embedding;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.DefaultEmbeddingBatchObservationConvention;
import io.github.sagemakerstreaming.runtime.observation.DefaultEmbeddingObservationConvention;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingObservationContext;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;

/**
 * Wraps an {@code embed}, or one of its batches, in its observation: started on
 * subscription as a child of the caller's observation (from the Reactor context, else the
 * current thread), stopped exactly once, on whichever comes first of the answer, an error
 * and cancellation, before the subscriber hears of it.
 */
final class EmbeddingObservation {

	private static final DefaultEmbeddingObservationConvention EMBED_CONVENTION = new DefaultEmbeddingObservationConvention();

	private static final DefaultEmbeddingBatchObservationConvention BATCH_CONVENTION = new DefaultEmbeddingBatchObservationConvention();

	private final ObservationRegistry registry;

	EmbeddingObservation(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Observes the work, which must be subscribed to once per context.
	 * @param work the {@code embed} or batch
	 * @param context its observation's context, made for this subscription
	 * @return the observed work
	 */
	Mono<EmbeddingResult> observe(Mono<EmbeddingResult> work, EmbeddingObservationContext context) {
		if (this.registry.isNoop()) {
			return work;
		}
		return Mono.deferContextual((reactorContext) -> {
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY,
					this.registry.getCurrentObservation());
			context.setNested(parent != null && MeterNames.CLIENT_OPERATION.equals(parent.getContext().getName()));
			boolean embed = context.getLevel() == EmbeddingObservationContext.Level.EMBED;
			Observation observation = (embed ? EmbeddingObservationDocumentation.EMBED
					: EmbeddingObservationDocumentation.BATCH)
				.observation(null, embed ? EMBED_CONVENTION : BATCH_CONVENTION, () -> context, this.registry);
			observation.parentObservation(parent).start();
			AtomicBoolean ended = new AtomicBoolean();
			return work.doOnSuccess((result) -> {
				if (ended.compareAndSet(false, true)) {
					if (result != null) {
						context.setUsage(result.usage());
					}
					observation.stop();
				}
			}).doOnError((ex) -> {
				if (ended.compareAndSet(false, true)) {
					String errorCode = (ex instanceof StreamingInferenceException failure) ? failure.errorCode()
							: ex.getClass().getSimpleName();
					context.failed(errorCode, EmbeddingException.TIMEOUT.equals(errorCode));
					observation.error(ex);
					observation.stop();
				}
			}).doOnCancel(() -> {
				if (ended.compareAndSet(false, true)) {
					context.cancelled();
					observation.stop();
				}
			}).contextWrite((downstream) -> downstream.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

}

package io.github.sagemakerstreaming.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.DefaultStreamObservationConvention;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationConvention;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Wraps a stream in its observation: started on subscription as a child of the caller's
 * observation (from the Reactor context, else the current thread), stopped exactly once,
 * on whichever comes first of completion, error and cancellation, before the subscriber
 * hears of it.
 */
final class StreamObservation {

	private static final StreamObservationConvention DEFAULT_CONVENTION = new DefaultStreamObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable StreamObservationConvention convention;

	StreamObservation(ObservationRegistry registry, @Nullable StreamObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	Flux<InferenceChunk> observe(Flux<InferenceChunk> chunks, StreamObservationContext context) {
		if (this.registry.isNoop()) {
			return chunks;
		}
		return Flux.deferContextual((reactorContext) -> {
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY,
					this.registry.getCurrentObservation());
			context.setNested(parent != null && MeterNames.CLIENT_OPERATION.equals(parent.getContext().getName()));
			Observation observation = StreamObservationDocumentation.STREAM.observation(this.convention,
					DEFAULT_CONVENTION, () -> context, this.registry);
			observation.parentObservation(parent).start();
			// Reactor passes a cancel on even after completion, so whichever comes first
			// stops the observation.
			AtomicBoolean ended = new AtomicBoolean();
			return chunks.doOnNext(context::chunk).doOnError((ex) -> {
				if (ended.compareAndSet(false, true)) {
					context.failed(ex);
					observation.error(ex);
					observation.stop();
				}
			}).doOnComplete(() -> {
				if (ended.compareAndSet(false, true)) {
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

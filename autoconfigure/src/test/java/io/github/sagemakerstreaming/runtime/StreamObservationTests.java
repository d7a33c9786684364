package io.github.sagemakerstreaming.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observation of a stream ends once, however its end and a cancellation interleave.
 */
class StreamObservationTests {

	private static final ResponseMetadata METADATA = new ResponseMetadata("my-llm", "req-1", "AllTraffic",
			"text/event-stream", null);

	private final StopCounter stops = new StopCounter();

	private final StreamObservation observation = new StreamObservation(registry(this.stops), null);

	@Test
	void aCancelArrivingAfterCompletionDoesNotStopTheObservationAgain() {
		Flux<InferenceChunk> chunks = Flux.just(InferenceChunk.token("a", METADATA),
				InferenceChunk.end("stop", METADATA));
		this.observation.observe(chunks, context()).subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnComplete() {
				upstream().cancel();
			}

		});
		assertThat(this.stops.count).hasValue(1);
		assertThat(this.stops.outcome).isEqualTo(StreamObservationContext.Outcome.SUCCESS);
	}

	@Test
	void aCancelArrivingAfterAnErrorDoesNotStopTheObservationAgain() {
		Flux<InferenceChunk> chunks = Flux.error(new IllegalStateException("boom"));
		this.observation.observe(chunks, context()).subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnError(Throwable failure) {
				upstream().cancel();
			}

		});
		assertThat(this.stops.count).hasValue(1);
		assertThat(this.stops.outcome).isEqualTo(StreamObservationContext.Outcome.ERROR);
	}

	@Test
	void aCancelledStreamIsStoppedOnceAsCancelled() {
		this.observation.observe(Flux.never(), context()).subscribe(new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.cancel();
				subscription.cancel();
			}

		});
		assertThat(this.stops.count).hasValue(1);
		assertThat(this.stops.outcome).isEqualTo(StreamObservationContext.Outcome.CANCELLED);
	}

	private static StreamObservationContext context() {
		return new StreamObservationContext("my-llm", null, InferenceFormat.OPENAI_CHAT);
	}

	private static ObservationRegistry registry(ObservationHandler<?> handler) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(handler);
		return registry;
	}

	private static final class StopCounter implements ObservationHandler<StreamObservationContext> {

		final AtomicInteger count = new AtomicInteger();

		volatile StreamObservationContext.Outcome outcome;

		@Override
		public void onStop(StreamObservationContext context) {
			this.count.incrementAndGet();
			this.outcome = context.getOutcome();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof StreamObservationContext;
		}

	}

}

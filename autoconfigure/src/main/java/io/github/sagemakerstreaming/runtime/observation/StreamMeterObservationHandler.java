package io.github.sagemakerstreaming.runtime.observation;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records what the observation's own timer cannot: the time to first token, as the timer
 * {@value #TIME_TO_FIRST_CHUNK}, and the text chunks of each stream, as the distribution summary
 * {@value #TOKEN_USAGE} with {@code gen_ai.token.type=output}. A chunk is what the container sent as one
 * token record; it is the model's token count only where the container streams one token a record. Both
 * carry the observation's low-cardinality tags.
 */
public class StreamMeterObservationHandler implements ObservationHandler<StreamObservationContext> {

	/** The time from subscription to the first token. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** The text chunks each stream delivered, one a token record of the container. */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	private final MeterRegistry registry;

	/**
	 * Creates a handler.
	 * @param registry where to record
	 */
	public StreamMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStop(StreamObservationContext context) {
		Tags tags = Tags.of(context.getLowCardinalityKeyValues().stream().map((kv) -> Tag.of(kv.getKey(), kv.getValue())).toList());
		if (context.getTimeToFirstToken() != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from subscription to the first token of a stream")
				.tags(tags)
				.register(this.registry)
				.record(context.getTimeToFirstToken());
		}
		DistributionSummary.builder(TOKEN_USAGE)
			.description("Text chunks (token records) delivered by a stream")
			.baseUnit("{token}")
			.tags(tags.and("gen_ai.token.type", "output"))
			.register(this.registry)
			.record(context.getTokens());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof StreamObservationContext;
	}

}

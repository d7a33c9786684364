package io.github.sagemakerstreaming.runtime.observation;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records what the observation's own timer cannot: the time to first token, as the timer
 * {@value #TIME_TO_FIRST_CHUNK}, and the tokens the container reported it read and
 * generated, as the distribution summary {@value #TOKEN_USAGE} with
 * {@code gen_ai.token.type} {@code input} and {@code output} (only for streams whose
 * container reported usage, and not for a stream inside another GenAI client operation,
 * which records them itself). Both carry the observation's low-cardinality tags.
 */
public class StreamMeterObservationHandler implements ObservationHandler<StreamObservationContext> {

	/** The time from subscription to the first chunk (text, reasoning or tool call). */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/**
	 * The tokens the container reported for each stream, by {@code gen_ai.token.type}.
	 */
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
		Tags tags = Tags
			.of(context.getLowCardinalityKeyValues().stream().map((kv) -> Tag.of(kv.getKey(), kv.getValue())).toList());
		if (context.getTimeToFirstToken() != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from subscription to the first chunk of a stream")
				.tags(tags)
				.register(this.registry)
				.record(context.getTimeToFirstToken());
		}
		TokenUsage usage = context.getUsage();
		if (usage != null && !context.isNested()) {
			tokens(tags, "input", usage.inputTokens());
			tokens(tags, "output", usage.outputTokens());
		}
	}

	private void tokens(Tags tags, String type, int count) {
		DistributionSummary.builder(TOKEN_USAGE)
			.description("Tokens the container reported for a stream")
			.baseUnit("{token}")
			.tags(tags.and("gen_ai.token.type", type))
			.register(this.registry)
			.record(count);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof StreamObservationContext;
	}

}

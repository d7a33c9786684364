package io.github.sagemakerstreaming.runtime.observation;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records what the observation's own timer cannot:
 * <ul>
 * <li>the time to first chunk of a stream (not of a whole answer), as the timer
 * {@value MeterNames#TIME_TO_FIRST_CHUNK}, with the observation's low-cardinality tags;
 * <li>the tokens the container reported, as the counter {@value MeterNames#TOKEN_USAGE}
 * with {@code gen_ai.token.type} {@code input}, {@code output} and {@code total}, only
 * for calls whose container reported usage, and not for a call inside another GenAI
 * client operation, which records them itself. Its tag keys are exactly those of Spring
 * AI's chat-model token counter ({@value #OPERATION_NAME}, {@value #SYSTEM},
 * {@value #REQUEST_MODEL}, {@value #RESPONSE_MODEL}, {@value #TOKEN_TYPE}), so that the
 * two are one meter and every path counts its tokens in one series family.
 * </ul>
 */
public class StreamMeterObservationHandler implements ObservationHandler<StreamObservationContext> {

	/** The GenAI operation: {@code chat} or {@code text_completion}. */
	public static final String OPERATION_NAME = "gen_ai.operation.name";

	/** The provider, {@value MeterNames#PROVIDER}, under Spring AI's key. */
	public static final String SYSTEM = "gen_ai.system";

	/** The {@code model} parameter of the request, or {@code none}. */
	public static final String REQUEST_MODEL = "gen_ai.request.model";

	/** The endpoint that answered, as Spring AI's chat model names the response model. */
	public static final String RESPONSE_MODEL = "gen_ai.response.model";

	/** Which tokens: {@code input}, {@code output} or {@code total}. */
	public static final String TOKEN_TYPE = "gen_ai.token.type";

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
		if (context.getTimeToFirstToken() != null
				&& context.getOperation() == StreamObservationContext.Operation.STREAM) {
			Timer.builder(MeterNames.TIME_TO_FIRST_CHUNK)
				.description("Time from subscription to the first chunk of a stream")
				.tags(Tags.of(context.getLowCardinalityKeyValues()
					.stream()
					.map((kv) -> Tag.of(kv.getKey(), kv.getValue()))
					.toList()))
				.register(this.registry)
				.record(context.getTimeToFirstToken());
		}
		TokenUsage usage = context.getUsage();
		if (usage != null && !context.isNested()) {
			Tags tags = Tags.of(OPERATION_NAME, DefaultStreamObservationConvention.operation(context.getFormat()),
					SYSTEM, MeterNames.PROVIDER, REQUEST_MODEL,
					DefaultStreamObservationConvention.orNone(context.getModel()), RESPONSE_MODEL,
					context.getEndpointName());
			tokens(tags, "input", usage.inputTokens());
			tokens(tags, "output", usage.outputTokens());
			tokens(tags, "total", usage.totalTokens());
		}
	}

	private void tokens(Tags tags, String type, int count) {
		Counter.builder(MeterNames.TOKEN_USAGE)
			.description("Measures number of input and output tokens used")
			.tags(tags.and(TOKEN_TYPE, type))
			.register(this.registry)
			.increment(count);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof StreamObservationContext;
	}

}

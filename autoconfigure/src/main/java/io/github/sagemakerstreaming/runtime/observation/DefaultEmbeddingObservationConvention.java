package io.github.sagemakerstreaming.runtime.observation;

import java.util.Locale;

import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingObservationDocumentation.HighCardinalityKeyNames;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names of an {@code embed}'s observation: {@value MeterNames#OPERATION_DURATION}, as
 * a stream's, with {@code gen_ai.operation.name} {@value #OPERATION} and exactly a
 * stream's low-cardinality keys, so that one meter times every GenAI operation of the
 * library; contextual name {@code embeddings ENDPOINT}.
 */
public class DefaultEmbeddingObservationConvention implements ObservationConvention<EmbeddingObservationContext> {

	/** The value of {@code gen_ai.operation.name}, as the GenAI conventions name it. */
	public static final String OPERATION = "embeddings";

	private static final String INVOKE_ENDPOINT = "InvokeEndpoint";

	/** An embedding answer has no finish reason. */
	private static final String NO_FINISH_REASON = "none";

	@Override
	public String getName() {
		return MeterNames.OPERATION_DURATION;
	}

	@Override
	public String getContextualName(EmbeddingObservationContext context) {
		return OPERATION + " " + context.getEndpointName();
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingObservationContext;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EmbeddingObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION_NAME.withValue(OPERATION),
				LowCardinalityKeyNames.PROVIDER_NAME.withValue(MeterNames.PROVIDER),
				LowCardinalityKeyNames.REQUEST_MODEL
					.withValue(DefaultStreamObservationConvention.orNone(context.getModel())),
				LowCardinalityKeyNames.ENDPOINT_NAME.withValue(context.getEndpointName()),
				LowCardinalityKeyNames.PRODUCTION_VARIANT
					.withValue(DefaultStreamObservationConvention.orNone(context.getProductionVariant())),
				LowCardinalityKeyNames.INFERENCE_COMPONENT
					.withValue(DefaultStreamObservationConvention.orNone(context.getInferenceComponentName())),
				LowCardinalityKeyNames.FORMAT.withValue(context.getFormat()),
				LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().name().toLowerCase(Locale.ROOT)),
				LowCardinalityKeyNames.ERROR_TYPE
					.withValue(DefaultStreamObservationConvention.orNone(context.getErrorCode())),
				LowCardinalityKeyNames.FINISH_REASON.withValue(NO_FINISH_REASON),
				LowCardinalityKeyNames.OPERATION.withValue(INVOKE_ENDPOINT));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EmbeddingObservationContext context) {
		KeyValues values = KeyValues.of(HighCardinalityKeyNames.INPUTS.withValue(String.valueOf(context.getInputs())));
		TokenUsage usage = context.getUsage();
		if (usage != null) {
			values = values.and(HighCardinalityKeyNames.INPUT_TOKENS.withValue(String.valueOf(usage.inputTokens())));
		}
		return values;
	}

}

package io.github.sagemakerstreaming.runtime.observation;

import java.util.Locale;

import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation.HighCardinalityKeyNames;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default names: {@value MeterNames#OPERATION_DURATION}, contextual name
 * {@code stream ENDPOINT} (or {@code invoke ENDPOINT} for a whole answer), and the key
 * values of {@link StreamObservationDocumentation}. The name is the same whether or not
 * the stream is observed inside another GenAI client operation, such as a Spring AI chat
 * model's, and no other library's observation has it, so that one meter counts the calls
 * of every path.
 */
public class DefaultStreamObservationConvention implements StreamObservationConvention {

	private static final String NONE = "none";

	@Override
	public String getName() {
		return MeterNames.OPERATION_DURATION;
	}

	@Override
	public String getContextualName(StreamObservationContext context) {
		return ((context.getOperation() == StreamObservationContext.Operation.INVOKE) ? "invoke " : "stream ")
				+ context.getEndpointName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StreamObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION_NAME.withValue(operation(context.getFormat())),
				LowCardinalityKeyNames.PROVIDER_NAME.withValue(MeterNames.PROVIDER),
				LowCardinalityKeyNames.REQUEST_MODEL.withValue(orNone(context.getModel())),
				LowCardinalityKeyNames.ENDPOINT_NAME.withValue(context.getEndpointName()),
				LowCardinalityKeyNames.PRODUCTION_VARIANT.withValue(orNone(context.getProductionVariant())),
				LowCardinalityKeyNames.INFERENCE_COMPONENT.withValue(orNone(context.getInferenceComponentName())),
				LowCardinalityKeyNames.FORMAT
					.withValue(context.getFormat().name().toLowerCase(Locale.ROOT).replace('_', '-')),
				LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().name().toLowerCase(Locale.ROOT)),
				LowCardinalityKeyNames.ERROR_TYPE.withValue(orNone(context.getErrorCode())),
				LowCardinalityKeyNames.FINISH_REASON.withValue(orNone(context.getFinishReason())),
				LowCardinalityKeyNames.OPERATION.withValue(context.getOperation().apiName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(StreamObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getToolCalls() > 0) {
			values = values.and(HighCardinalityKeyNames.TOOL_CALLS.withValue(String.valueOf(context.getToolCalls())));
		}
		TokenUsage usage = context.getUsage();
		if (usage != null) {
			values = values.and(HighCardinalityKeyNames.INPUT_TOKENS.withValue(String.valueOf(usage.inputTokens())),
					HighCardinalityKeyNames.OUTPUT_TOKENS.withValue(String.valueOf(usage.outputTokens())));
		}
		return values;
	}

	static String operation(InferenceFormat format) {
		return (format == InferenceFormat.OPENAI_CHAT) ? "chat" : "text_completion";
	}

	static String orNone(@Nullable String value) {
		return (value != null) ? value : NONE;
	}

}

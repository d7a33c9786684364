package io.github.sagemakerstreaming.runtime.observation;

import java.util.Locale;

import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation.HighCardinalityKeyNames;
import io.github.sagemakerstreaming.runtime.observation.StreamObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default names: {@code gen_ai.client.operation}, contextual name
 * {@code stream ENDPOINT} (or {@code invoke ENDPOINT} for a whole answer), and the key
 * values of {@link StreamObservationDocumentation}. A stream observed inside another
 * {@code gen_ai.client.operation}, such as a Spring AI chat model's, is named
 * {@value #NESTED_NAME} instead, so that the two never record the same meter with
 * different tags.
 */
public class DefaultStreamObservationConvention implements StreamObservationConvention {

	/** The observation name, after the OpenTelemetry GenAI semantic conventions. */
	public static final String NAME = "gen_ai.client.operation";

	/** The observation name of a stream inside another GenAI client operation. */
	public static final String NESTED_NAME = "sagemaker.runtime.stream";

	private static final String NONE = "none";

	private final String name;

	/**
	 * Creates a convention that names the observation {@value #NAME}.
	 */
	public DefaultStreamObservationConvention() {
		this(NAME);
	}

	/**
	 * Creates a convention that names the observation as given.
	 * @param name the observation name
	 */
	public DefaultStreamObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(StreamObservationContext context) {
		return ((context.getOperation() == StreamObservationContext.Operation.INVOKE) ? "invoke " : "stream ")
				+ context.getEndpointName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StreamObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION_NAME.withValue(operation(context.getFormat())),
				LowCardinalityKeyNames.PROVIDER_NAME.withValue("aws.sagemaker"),
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

	private static String operation(InferenceFormat format) {
		return (format == InferenceFormat.OPENAI_CHAT) ? "chat" : "text_completion";
	}

	private static String orNone(@Nullable String value) {
		return (value != null) ? value : NONE;
	}

}

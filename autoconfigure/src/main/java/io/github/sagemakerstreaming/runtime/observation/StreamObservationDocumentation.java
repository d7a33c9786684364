package io.github.sagemakerstreaming.runtime.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a stream, {@code gen_ai.client.operation}, and its low-cardinality keys.
 */
public enum StreamObservationDocumentation implements ObservationDocumentation {

	/** One streaming invocation, from subscription to completion, error or cancellation. */
	STREAM {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultStreamObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}
	};

	/** The low-cardinality keys: tags on every meter, attributes on the span. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The GenAI operation: {@code chat} or {@code text_completion}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The GenAI provider, {@code aws.sagemaker}. */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}
		},

		/** The SageMaker endpoint invoked. */
		ENDPOINT_NAME {
			@Override
			public String asString() {
				return "sagemaker.endpoint.name";
			}
		},

		/** The production variant that answered, or {@code none} before a response. */
		PRODUCTION_VARIANT {
			@Override
			public String asString() {
				return "sagemaker.production_variant";
			}
		},

		/** The inference component invoked, or {@code none}. */
		INFERENCE_COMPONENT {
			@Override
			public String asString() {
				return "sagemaker.inference_component";
			}
		},

		/** The request format, for example {@code openai-chat}. */
		FORMAT {
			@Override
			public String asString() {
				return "sagemaker.format";
			}
		},

		/** How the stream ended: {@code success}, {@code error}, {@code timeout} or {@code cancelled}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The error code of a failed stream ({@code StreamingInferenceException.errorCode()}), or {@code none}. */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		}

	}

}

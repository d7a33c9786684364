package io.github.sagemakerstreaming.runtime.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a stream, {@code gen_ai.client.operation.duration}, and its keys.
 */
public enum StreamObservationDocumentation implements ObservationDocumentation {

	/**
	 * One streaming invocation, from subscription to completion, error or cancellation.
	 */
	STREAM {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultStreamObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
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

		/** The {@code model} parameter of the request, or {@code none}. */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
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

		/**
		 * How the stream ended: {@code success}, {@code error}, {@code timeout} or
		 * {@code cancelled}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The error code of a failed stream
		 * ({@code StreamingInferenceException.errorCode()}), or {@code none}.
		 */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/**
		 * The container's finish reason ({@code stop}, {@code length},
		 * {@code tool_calls}, ...), or {@code none} when the stream did not finish or the
		 * container reports none.
		 */
		FINISH_REASON {
			@Override
			public String asString() {
				return "gen_ai.response.finish_reasons";
			}
		},

		/**
		 * The SageMaker operation: {@code InvokeEndpointWithResponseStream} for a stream,
		 * {@code InvokeEndpoint} for a whole answer.
		 */
		OPERATION {
			@Override
			public String asString() {
				return "sagemaker.operation";
			}
		}

	}

	/** The high-cardinality keys: attributes on the span only. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The number of tool calls in the answer, when it made any. */
		TOOL_CALLS {
			@Override
			public String asString() {
				return "sagemaker.tool_calls";
			}
		},

		/** The input tokens the container reported, when it reported usage. */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		},

		/** The output tokens the container reported, when it reported usage. */
		OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.output_tokens";
			}
		}

	}

}

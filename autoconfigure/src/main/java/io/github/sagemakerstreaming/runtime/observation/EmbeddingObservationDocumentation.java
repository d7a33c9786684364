package io.github.sagemakerstreaming.runtime.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of embeddings and their keys: the low-cardinality keys are a stream's
 * ({@link StreamObservationDocumentation.LowCardinalityKeyNames}).
 */
public enum EmbeddingObservationDocumentation implements ObservationDocumentation {

	/**
	 * One {@code embed}, from subscription to its vectors, error or cancellation:
	 * {@code gen_ai.client.operation.duration}.
	 */
	EMBED {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEmbeddingObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return StreamObservationDocumentation.LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	},

	/**
	 * One batch of an {@code embed}, its {@code InvokeEndpoint} call and the call's
	 * retries: {@code sagemaker.runtime.embedding.batch}, a child of the {@code embed}'s.
	 */
	BATCH {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEmbeddingBatchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return StreamObservationDocumentation.LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	};

	/** The high-cardinality keys: attributes on the span only. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The number of texts embedded. */
		INPUTS {
			@Override
			public String asString() {
				return "sagemaker.embedding.inputs";
			}
		},

		/** The input tokens the container reported, when it reported usage. */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		}

	}

}

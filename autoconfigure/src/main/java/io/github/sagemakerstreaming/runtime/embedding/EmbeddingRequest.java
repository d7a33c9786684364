package io.github.sagemakerstreaming.runtime.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The texts to embed and, where they differ from the template's, where and how. A setting
 * left unset takes the template's.
 */
public final class EmbeddingRequest {

	private final List<String> inputs;

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable EmbeddingFormat format;

	private final Map<String, Object> parameters;

	private EmbeddingRequest(Builder builder) {
		this.inputs = builder.inputs;
		this.endpointName = builder.endpointName;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.format = builder.format;
		this.parameters = Map.copyOf(builder.parameters);
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the texts to embed.
	 * @return the inputs, in order
	 */
	public List<String> inputs() {
		return this.inputs;
	}

	/**
	 * Returns the endpoint to call.
	 * @return the endpoint name, or {@code null} for the template's
	 */
	public @Nullable String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the inference component to call.
	 * @return the inference component name, or {@code null} for the template's
	 */
	public @Nullable String inferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the request shape.
	 * @return the format, or {@code null} for the template's
	 */
	public @Nullable EmbeddingFormat format() {
		return this.format;
	}

	/**
	 * Returns the extra fields of every call's body.
	 * @return the parameters, possibly empty
	 */
	public Map<String, Object> parameters() {
		return this.parameters;
	}

	/**
	 * Builds an {@link EmbeddingRequest}.
	 */
	public static final class Builder {

		private List<String> inputs = List.of();

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable EmbeddingFormat format;

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the texts to embed.
		 * @param inputs the inputs, none of them {@code null}
		 * @return this builder
		 */
		public Builder inputs(List<String> inputs) {
			Objects.requireNonNull(inputs, "inputs");
			for (int i = 0; i < inputs.size(); i++) {
				if (inputs.get(i) == null) {
					throw new IllegalArgumentException("inputs[" + i + "] is null; every input must be a text");
				}
			}
			this.inputs = List.copyOf(inputs);
			return this;
		}

		/**
		 * Sets the endpoint to call instead of the template's.
		 * @param endpointName the endpoint name
		 * @return this builder
		 */
		public Builder endpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the inference component to call instead of the template's.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the request shape instead of the template's.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(@Nullable EmbeddingFormat format) {
			this.format = format;
			return this;
		}

		/**
		 * Sets extra fields of every call's body, such as TEI's {@code normalize} and
		 * {@code truncate} or the OpenAI format's {@code dimensions}. They may not
		 * replace the field that carries the texts.
		 * @param parameters the fields, written as JSON
		 * @return this builder
		 */
		public Builder parameters(Map<String, Object> parameters) {
			this.parameters.clear();
			this.parameters.putAll(parameters);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public EmbeddingRequest build() {
			return new EmbeddingRequest(this);
		}

	}

}

package io.github.sagemakerstreaming.langchain4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's request parameters, plus fields of the container's own (the custom
 * parameters) and where a SageMaker request goes: the endpoint, the inference component
 * (or adapter), the format and the custom attributes. Everything left unset takes the
 * template's default, or the container's.
 */
public class SageMakerChatRequestParameters extends DefaultChatRequestParameters {

	/** No parameters: the template's defaults apply. */
	public static final SageMakerChatRequestParameters EMPTY = builder().build();

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable InferenceFormat format;

	private final @Nullable String customAttributes;

	private final Map<String, Object> customParameters;

	private SageMakerChatRequestParameters(Builder builder) {
		super(builder);
		this.customParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.customParameters));
		this.endpointName = builder.endpointName;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.format = builder.format;
		this.customAttributes = builder.customAttributes;
	}

	/**
	 * Starts parameters.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the endpoint to invoke.
	 * @return the endpoint name, or {@code null} for the template's default
	 */
	public @Nullable String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the inference component (or adapter) to invoke.
	 * @return the inference component name, or {@code null} for the template's default
	 */
	public @Nullable String inferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the request format; a conversation needs
	 * {@link InferenceFormat#OPENAI_CHAT}.
	 * @return the format, or {@code null} for the template's default
	 */
	public @Nullable InferenceFormat format() {
		return this.format;
	}

	/**
	 * Returns the custom attributes passed to the container.
	 * @return the custom attributes, or {@code null} for the template's default
	 */
	public @Nullable String customAttributes() {
		return this.customAttributes;
	}

	/**
	 * Returns the fields of the container's own added to the request body after the
	 * portable ones, as LangChain4j's OpenAI parameters name them.
	 * @return the custom parameters, empty if none
	 */
	public Map<String, Object> customParameters() {
		return this.customParameters;
	}

	@Override
	public SageMakerChatRequestParameters overrideWith(ChatRequestParameters that) {
		return builder().overrideWith(this).overrideWith(that).build();
	}

	@Override
	public SageMakerChatRequestParameters defaultedBy(ChatRequestParameters that) {
		return builder().overrideWith(that).overrideWith(this).build();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SageMakerChatRequestParameters that && super.equals(that)
				&& Objects.equals(this.endpointName, that.endpointName)
				&& Objects.equals(this.inferenceComponentName, that.inferenceComponentName)
				&& this.format == that.format && Objects.equals(this.customAttributes, that.customAttributes)
				&& this.customParameters.equals(that.customParameters);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.endpointName, this.inferenceComponentName, this.format,
				this.customAttributes, this.customParameters);
	}

	/**
	 * Builds {@link SageMakerChatRequestParameters}.
	 */
	public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable InferenceFormat format;

		private @Nullable String customAttributes;

		private final Map<String, Object> customParameters = new LinkedHashMap<>();

		@Override
		public Builder overrideWith(ChatRequestParameters parameters) {
			super.overrideWith(parameters);
			if (parameters instanceof SageMakerChatRequestParameters that) {
				this.endpointName = (that.endpointName != null) ? that.endpointName : this.endpointName;
				this.inferenceComponentName = (that.inferenceComponentName != null) ? that.inferenceComponentName
						: this.inferenceComponentName;
				this.format = (that.format != null) ? that.format : this.format;
				this.customAttributes = (that.customAttributes != null) ? that.customAttributes : this.customAttributes;
				this.customParameters.putAll(that.customParameters);
			}
			return this;
		}

		/**
		 * Sets the endpoint to invoke instead of the template's default.
		 * @param endpointName the endpoint name
		 * @return this builder
		 */
		public Builder endpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
			return this;
		}

		/**
		 * Sets the inference component (or adapter) to invoke instead of the template's
		 * default.
		 * @param inferenceComponentName the inference component name
		 * @return this builder
		 */
		public Builder inferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
			return this;
		}

		/**
		 * Sets the request format instead of the template's default.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(@Nullable InferenceFormat format) {
			this.format = format;
			return this;
		}

		/**
		 * Sets the custom attributes passed to the container instead of the template's
		 * default.
		 * @param customAttributes the custom attributes
		 * @return this builder
		 */
		public Builder customAttributes(@Nullable String customAttributes) {
			this.customAttributes = customAttributes;
			return this;
		}

		/**
		 * Adds fields of the container's own to the request body, after the portable ones
		 * (for example vLLM's {@code repetition_penalty}); they may not replace
		 * {@code messages}, {@code prompt}, {@code inputs} or {@code stream}.
		 * @param customParameters the fields
		 * @return this builder
		 */
		public Builder customParameters(Map<String, Object> customParameters) {
			this.customParameters.putAll(customParameters);
			return this;
		}

		@Override
		public SageMakerChatRequestParameters build() {
			return new SageMakerChatRequestParameters(this);
		}

	}

}

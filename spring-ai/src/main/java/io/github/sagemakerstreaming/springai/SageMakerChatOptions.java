package io.github.sagemakerstreaming.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.sagemakerstreaming.runtime.InferenceFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a {@link SageMakerChatModel} request: Spring AI's usual generation
 * options, sent as the container's OpenAI parameters ({@code max_tokens},
 * {@code temperature}, {@code top_p}, {@code top_k}, {@code stop},
 * {@code frequency_penalty}, {@code presence_penalty}, and {@code model} when set), the
 * tools, the output schema of structured output, fields of the container's own (the extra
 * body), and where the request goes: the endpoint, the inference component (or adapter),
 * the format and the custom attributes. Every option left unset takes the template's
 * default, that is {@code sagemaker.runtime.*}, or the container's.
 */
public class SageMakerChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

	private final @Nullable String model;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double presencePenalty;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Double temperature;

	private final @Nullable Integer topK;

	private final @Nullable Double topP;

	private final List<ToolCallback> toolCallbacks;

	private final Map<String, Object> toolContext;

	private final @Nullable String outputSchema;

	private final Map<String, Object> extraBody;

	private final @Nullable String endpointName;

	private final @Nullable String inferenceComponentName;

	private final @Nullable InferenceFormat format;

	private final @Nullable String customAttributes;

	private SageMakerChatOptions(@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, @Nullable List<ToolCallback> toolCallbacks,
			@Nullable Map<String, Object> toolContext, Builder builder) {
		this.model = model;
		this.frequencyPenalty = frequencyPenalty;
		this.maxTokens = maxTokens;
		this.presencePenalty = presencePenalty;
		this.stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : null;
		this.temperature = temperature;
		this.topK = topK;
		this.topP = topP;
		this.toolCallbacks = (toolCallbacks != null) ? List.copyOf(toolCallbacks) : List.of();
		this.toolContext = (toolContext != null) ? Map.copyOf(toolContext) : Map.of();
		this.outputSchema = builder.outputSchema;
		this.extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraBody));
		this.endpointName = builder.endpointName;
		this.inferenceComponentName = builder.inferenceComponentName;
		this.format = builder.format;
		this.customAttributes = builder.customAttributes;
	}

	/**
	 * Starts options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the {@code model} body parameter, for containers that serve several models.
	 * @return the model, or {@code null} to send none
	 */
	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	@Override
	public List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	@Override
	public Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	/**
	 * Returns the JSON Schema the answer must be valid within, which the request asks of
	 * the container in its own terms ({@code response_format} for the OpenAI formats,
	 * TGI's {@code grammar} for the {@code tgi} format); set by a {@code ChatClient}'s
	 * {@code entity(...)} when native structured output is on.
	 * @return the schema as JSON text, or {@code null} for free text
	 */
	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * Returns the fields of the container's own added to the request body after the
	 * portable ones, as Spring AI's OpenAI options do.
	 * @return the extra body, empty if none
	 */
	public Map<String, Object> getExtraBody() {
		return this.extraBody;
	}

	/**
	 * Returns the endpoint to invoke.
	 * @return the endpoint name, or {@code null} for the template's default
	 */
	public @Nullable String getEndpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the inference component (or adapter) to invoke.
	 * @return the inference component name, or {@code null} for the template's default
	 */
	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	/**
	 * Returns the request format; a conversation needs
	 * {@link InferenceFormat#OPENAI_CHAT}.
	 * @return the format, or {@code null} for the template's default
	 */
	public @Nullable InferenceFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns the custom attributes passed to the container.
	 * @return the custom attributes, or {@code null} for the template's default
	 */
	public @Nullable String getCustomAttributes() {
		return this.customAttributes;
	}

	@Override
	public Builder mutate() {
		Builder builder = builder().model(this.model)
			.frequencyPenalty(this.frequencyPenalty)
			.maxTokens(this.maxTokens)
			.presencePenalty(this.presencePenalty)
			.stopSequences(this.stopSequences)
			.temperature(this.temperature)
			.topK(this.topK)
			.topP(this.topP)
			.toolCallbacks(this.toolCallbacks)
			.toolContext(this.toolContext)
			.outputSchema(this.outputSchema)
			.extraBody(this.extraBody);
		return builder.endpointName(this.endpointName)
			.inferenceComponentName(this.inferenceComponentName)
			.format(this.format)
			.customAttributes(this.customAttributes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SageMakerChatOptions that && Objects.equals(this.model, that.model)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.stopSequences, that.stopSequences)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topK, that.topK)
				&& Objects.equals(this.topP, that.topP) && this.toolCallbacks.equals(that.toolCallbacks)
				&& this.toolContext.equals(that.toolContext) && Objects.equals(this.outputSchema, that.outputSchema)
				&& this.extraBody.equals(that.extraBody) && Objects.equals(this.endpointName, that.endpointName)
				&& Objects.equals(this.inferenceComponentName, that.inferenceComponentName)
				&& this.format == that.format && Objects.equals(this.customAttributes, that.customAttributes);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty, this.stopSequences,
				this.temperature, this.topK, this.topP, this.toolCallbacks, this.toolContext, this.outputSchema,
				this.extraBody, this.endpointName, this.inferenceComponentName, this.format, this.customAttributes);
	}

	/**
	 * Builds {@link SageMakerChatOptions}; {@link #combineWith(ChatOptions.Builder)} lets
	 * the options of another builder win where they are set, the SageMaker ones included:
	 * its tool context entries are added over these, and its tool callbacks are added to
	 * these, replacing one of the same name; its extra body entries are added over these.
	 */
	public static class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable String outputSchema;

		private final Map<String, Object> extraBody = new LinkedHashMap<>();

		private @Nullable String endpointName;

		private @Nullable String inferenceComponentName;

		private @Nullable InferenceFormat format;

		private @Nullable String customAttributes;

		/**
		 * Sets the JSON Schema the answer must be valid within, which the request asks of
		 * the container in its own terms; the {@code raw} format refuses it.
		 * @param outputSchema the schema as JSON text, or {@code null} for free text
		 * @return this builder
		 */
		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return this;
		}

		/**
		 * Adds fields of the container's own to the request body, after the portable ones
		 * (for example vLLM's {@code repetition_penalty}); they may not replace
		 * {@code messages}, {@code prompt}, {@code inputs} or {@code stream}.
		 * @param extraBody the fields
		 * @return this builder
		 */
		public Builder extraBody(Map<String, Object> extraBody) {
			this.extraBody.putAll(extraBody);
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
		 * Sets the request format instead of the template's default; a conversation needs
		 * {@link InferenceFormat#OPENAI_CHAT}.
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

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (this.toolCallbacks != null) {
				// Options combined with a copy of themselves (as a ChatClient's are with
				// the model's defaults) must not send a tool twice.
				Map<String, ToolCallback> byName = new LinkedHashMap<>();
				this.toolCallbacks.forEach((tool) -> byName.put(tool.getToolDefinition().name(), tool));
				this.toolCallbacks = new ArrayList<>(byName.values());
			}
			if (other instanceof Builder that) {
				this.outputSchema = (that.outputSchema != null) ? that.outputSchema : this.outputSchema;
				this.extraBody.putAll(that.extraBody);
				this.endpointName = (that.endpointName != null) ? that.endpointName : this.endpointName;
				this.inferenceComponentName = (that.inferenceComponentName != null) ? that.inferenceComponentName
						: this.inferenceComponentName;
				this.format = (that.format != null) ? that.format : this.format;
				this.customAttributes = (that.customAttributes != null) ? that.customAttributes : this.customAttributes;
			}
			return this;
		}

		@Override
		public SageMakerChatOptions build() {
			return new SageMakerChatOptions(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty,
					this.stopSequences, this.temperature, this.topK, this.topP, this.toolCallbacks, this.toolContext,
					this);
		}

	}

}

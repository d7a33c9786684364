package io.github.sagemakerstreaming.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.sagemakerstreaming.runtime.InvocationOptions;
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
 * body), and where the request goes and how long it may take, as
 * {@link InvocationOptions}: the endpoint, the inference component (or adapter), the
 * format, the custom attributes, the stateful session, the variant, the container, the
 * inference id and the time limits. Every option left unset takes the template's default,
 * that is {@code sagemaker.runtime.*}, or the container's.
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

	private final InvocationOptions invocationOptions;

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
		this.invocationOptions = builder.invocationOptions;
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
	 * Returns where the request goes and how long it may take.
	 * @return the invocation options, unset ones taking the template's defaults
	 */
	public InvocationOptions getInvocationOptions() {
		return this.invocationOptions;
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
		return builder.invocationOptions(this.invocationOptions);
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
				&& this.extraBody.equals(that.extraBody) && this.invocationOptions.equals(that.invocationOptions);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty, this.stopSequences,
				this.temperature, this.topK, this.topP, this.toolCallbacks, this.toolContext, this.outputSchema,
				this.extraBody, this.invocationOptions);
	}

	/**
	 * Builds {@link SageMakerChatOptions}; {@link #combineWith(ChatOptions.Builder)} lets
	 * the options of another builder win where they are set, the SageMaker ones included:
	 * its tool context entries are added over these, and its tool callbacks are added to
	 * these, replacing one of the same name; its extra body entries are added over these.
	 * Each SageMaker setting has its method through {@link InvocationOptions.Setters}.
	 */
	public static class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements InvocationOptions.Setters<Builder>, StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable String outputSchema;

		private final Map<String, Object> extraBody = new LinkedHashMap<>();

		private InvocationOptions invocationOptions = InvocationOptions.NONE;

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

		@Override
		public Builder invocationOptions(UnaryOperator<InvocationOptions.Builder> change) {
			this.invocationOptions = change.apply(this.invocationOptions.mutate()).build();
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
			if (this.stopSequences != null) {
				// Spring AI adds the other's stop sequences to these: options combined
				// with a copy of themselves must not send one twice.
				this.stopSequences = new ArrayList<>(new LinkedHashSet<>(this.stopSequences));
			}
			if (other instanceof Builder that) {
				this.invocationOptions = that.invocationOptions.mergedOver(this.invocationOptions);
				this.outputSchema = (that.outputSchema != null) ? that.outputSchema : this.outputSchema;
				this.extraBody.putAll(that.extraBody);
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

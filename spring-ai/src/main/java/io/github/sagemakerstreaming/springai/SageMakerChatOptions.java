package io.github.sagemakerstreaming.springai;

import java.util.ArrayList;
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
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a {@link SageMakerChatModel} request: Spring AI's usual generation
 * options, sent as the container's OpenAI parameters ({@code max_tokens},
 * {@code temperature}, {@code top_p}, {@code top_k}, {@code stop},
 * {@code frequency_penalty}, {@code presence_penalty}, and {@code model} when set), the
 * tools, and where the request goes and how long it may take, as
 * {@link InvocationOptions}: the endpoint, the inference component (or adapter), the
 * format, the custom attributes, the stateful session, the variant, the container, the
 * inference id and the time limits. Every option left unset takes the template's default,
 * that is {@code sagemaker.runtime.*}, or the container's.
 */
public class SageMakerChatOptions implements ToolCallingChatOptions {

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
			.toolContext(this.toolContext);
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
				&& this.toolContext.equals(that.toolContext) && this.invocationOptions.equals(that.invocationOptions);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty, this.stopSequences,
				this.temperature, this.topK, this.topP, this.toolCallbacks, this.toolContext, this.invocationOptions);
	}

	/**
	 * Builds {@link SageMakerChatOptions}; {@link #combineWith(ChatOptions.Builder)} lets
	 * the options of another builder win where they are set, the SageMaker ones included:
	 * its tool context entries are added over these, and its tool callbacks are added to
	 * these, replacing one of the same name. Each SageMaker setting has its method
	 * through {@link InvocationOptions.Setters}.
	 */
	public static class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements InvocationOptions.Setters<Builder> {

		private InvocationOptions invocationOptions = InvocationOptions.NONE;

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

package io.github.sagemakerstreaming.langchain4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.github.sagemakerstreaming.runtime.InvocationOptions;

/**
 * LangChain4j's request parameters, plus fields of the container's own (the custom
 * parameters) and where a SageMaker request goes and how long it may take, as
 * {@link InvocationOptions}: the endpoint, the inference component (or adapter), the
 * format, the custom attributes, the stateful session, the variant, the container, the
 * inference id and the time limits. Everything left unset takes the template's default,
 * or the container's.
 */
public class SageMakerChatRequestParameters extends DefaultChatRequestParameters {

	/** No parameters: the template's defaults apply. */
	public static final SageMakerChatRequestParameters EMPTY = builder().build();

	private final InvocationOptions invocationOptions;

	private final Map<String, Object> customParameters;

	private SageMakerChatRequestParameters(Builder builder) {
		super(builder);
		this.invocationOptions = builder.invocationOptions;
		this.customParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.customParameters));
	}

	/**
	 * Starts parameters.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns where the request goes and how long it may take.
	 * @return the invocation options, unset ones taking the template's defaults
	 */
	public InvocationOptions invocationOptions() {
		return this.invocationOptions;
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
				&& this.invocationOptions.equals(that.invocationOptions)
				&& this.customParameters.equals(that.customParameters);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.invocationOptions, this.customParameters);
	}

	/**
	 * Builds {@link SageMakerChatRequestParameters}; each SageMaker setting has its
	 * method through {@link InvocationOptions.Setters}.
	 */
	public static class Builder extends DefaultChatRequestParameters.Builder<Builder>
			implements InvocationOptions.Setters<Builder> {

		private InvocationOptions invocationOptions = InvocationOptions.NONE;

		private final Map<String, Object> customParameters = new LinkedHashMap<>();

		@Override
		public Builder overrideWith(ChatRequestParameters parameters) {
			super.overrideWith(parameters);
			if (parameters instanceof SageMakerChatRequestParameters that) {
				this.invocationOptions = that.invocationOptions.mergedOver(this.invocationOptions);
				this.customParameters.putAll(that.customParameters);
			}
			return this;
		}

		@Override
		public Builder invocationOptions(UnaryOperator<InvocationOptions.Builder> change) {
			this.invocationOptions = change.apply(this.invocationOptions.mutate()).build();
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

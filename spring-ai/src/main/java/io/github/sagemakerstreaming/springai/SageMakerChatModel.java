package io.github.sagemakerstreaming.springai;

import java.util.List;
import java.util.Objects;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InferenceResponse;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * A Spring AI {@link ChatModel} for a model hosted on a SageMaker endpoint, on a
 * {@link StreamingInferenceTemplate}: every call inherits the template's wire handling,
 * time limits, retries, typed errors and cancellation.
 * <p>
 * {@link #stream(Prompt)} passes on the template's chunks as they arrive, one
 * {@link ChatResponse} a chunk of text or reasoning, and ends with a response that
 * carries the finish reason, the token usage and the tool calls, each once and whole, as
 * Spring AI's tool-calling advisor expects; {@link #call(Prompt)} gathers the same stream
 * into one response. The model does not run tools itself: {@code ChatClient}'s
 * tool-calling advisor does. Reasoning is in the assistant message's metadata under
 * {@value #REASONING_CONTENT}. Failures are the template's
 * {@code StreamingInferenceException}s.
 * <p>
 * Each call is one Spring AI chat-model observation ({@code gen_ai.client.operation},
 * {@code gen_ai.system} {@value #PROVIDER}), whose token usage Spring AI's chat
 * observation auto-configuration records; the template's own observation of the stream
 * becomes its child, so that the call is also counted, with its time to first token,
 * among the template's calls.
 */
public class SageMakerChatModel implements ChatModel {

	/**
	 * The provider name in observations, the same as the template's on every path.
	 */
	public static final String PROVIDER = MeterNames.PROVIDER;

	/** The value of {@code spring.ai.model.chat} that selects this model. */
	public static final String MODEL_SELECTOR = "sagemaker";

	/**
	 * The key of the reasoning in an assistant message's metadata, as Spring AI's OpenAI
	 * model names it.
	 */
	public static final String REASONING_CONTENT = "reasoningContent";

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

	private final StreamingInferenceTemplate template;

	private final SageMakerChatOptions defaultOptions;

	private final ToolCallingManager toolCallingManager;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ChatModelObservationConvention observationConvention;

	private SageMakerChatModel(Builder builder) {
		this.template = Objects.requireNonNull(builder.template, "template");
		this.defaultOptions = builder.defaultOptions;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().build();
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
	}

	/**
	 * Starts a chat model.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = withOptions(prompt);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(request)
			.provider(PROVIDER)
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				List<InferenceChunk> chunks = this.template.streamChunks(inferenceRequest(request))
					.collectList()
					.block();
				ChatResponse response = ChatResponses.whole(InferenceResponse.of(Objects.requireNonNull(chunks)));
				context.setResponse(response);
				return response;
			});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((reactorContext) -> {
			Prompt request = withOptions(prompt);
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(request)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
			observation.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			Flux<ChatResponse> responses = this.template.streamChunks(inferenceRequest(request))
				.mapNotNull(ChatResponses::streamed)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((downstream) -> downstream.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(responses, context::setResponse);
		});
	}

	/**
	 * Returns the default options, which a prompt's options override.
	 * @return the default options
	 */
	@Override
	public SageMakerChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * Puts the prompt's options, of any type, over the default options, field by field:
	 * the defaults are always the base, whether the prompt comes from a
	 * {@code ChatClient} (which starts from them) or straight to this model.
	 */
	private Prompt withOptions(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		SageMakerChatOptions merged = (options != null)
				? this.defaultOptions.mutate().combineWith(options.mutate()).build() : this.defaultOptions;
		return new Prompt(prompt.getInstructions(), merged);
	}

	private InferenceRequest inferenceRequest(Prompt prompt) {
		SageMakerChatOptions options = (SageMakerChatOptions) Objects.requireNonNull(prompt.getOptions(), "options");
		return PromptRequests.toRequest(prompt, options, this.toolCallingManager.resolveToolDefinitions(options));
	}

	/**
	 * Builds a {@link SageMakerChatModel}.
	 */
	public static final class Builder {

		private @Nullable StreamingInferenceTemplate template;

		private SageMakerChatOptions defaultOptions = SageMakerChatOptions.builder().build();

		private @Nullable ToolCallingManager toolCallingManager;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ChatModelObservationConvention observationConvention;

		private Builder() {
		}

		/**
		 * Sets the template that invokes the endpoint; required.
		 * @param template the template
		 * @return this builder
		 */
		public Builder template(StreamingInferenceTemplate template) {
			this.template = template;
			return this;
		}

		/**
		 * Sets the options used where a prompt sets none (none unless set: the template's
		 * defaults apply).
		 * @param defaultOptions the default options
		 * @return this builder
		 */
		public Builder defaultOptions(SageMakerChatOptions defaultOptions) {
			this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions");
			return this;
		}

		/**
		 * Sets the manager that resolves the definitions of the tools in the options
		 * (Spring AI's default unless set).
		 * @param toolCallingManager the tool calling manager
		 * @return this builder
		 */
		public Builder toolCallingManager(@Nullable ToolCallingManager toolCallingManager) {
			this.toolCallingManager = toolCallingManager;
			return this;
		}

		/**
		 * Sets the registry of the chat-model observations (none unless set).
		 * @param observationRegistry the observation registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Sets a convention that replaces Spring AI's default chat-model observation
		 * convention.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Builds the chat model.
		 * @return the chat model
		 */
		public SageMakerChatModel build() {
			return new SageMakerChatModel(this);
		}

	}

}

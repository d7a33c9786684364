package io.github.sagemakerstreaming.langchain4j;

import java.util.List;
import java.util.Objects;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

/**
 * A LangChain4j {@link ChatModel} for a model hosted on a SageMaker endpoint: the blocking API, on the
 * same stream as {@link SageMakerStreamingChatModel}, gathered into one response with the id, finish
 * reason, token usage, reasoning ({@code thinking}) and tool execution requests. Failures are the
 * template's {@code StreamingInferenceException}s. It needs no Spring.
 */
public class SageMakerChatModel implements ChatModel {

	private final StreamingInferenceTemplate template;

	private final SageMakerChatRequestParameters defaultRequestParameters;

	private final List<ChatModelListener> listeners;

	private SageMakerChatModel(Builder builder) {
		this.template = builder.template();
		this.defaultRequestParameters = builder.defaultRequestParameters();
		this.listeners = builder.listeners();
	}

	/**
	 * Starts a chat model.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		List<InferenceChunk> chunks = Objects.requireNonNull(
				this.template.streamChunks(ChatRequests.toRequest(request)).collectList().block());
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		chunks.forEach((chunk) -> {
			text.append(chunk.text());
			reasoning.append(chunk.reasoning());
		});
		return ChatResponses.of(text.toString(), reasoning.toString(), chunks.get(chunks.size() - 1));
	}

	@Override
	public SageMakerChatRequestParameters defaultRequestParameters() {
		return this.defaultRequestParameters;
	}

	@Override
	public List<ChatModelListener> listeners() {
		return this.listeners;
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OTHER;
	}

	/**
	 * Builds a {@link SageMakerChatModel} from a template, or from a client and the default request
	 * parameters.
	 */
	public static final class Builder extends ModelBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Builds the model.
		 * @return the model
		 */
		public SageMakerChatModel build() {
			return new SageMakerChatModel(this);
		}

	}

}

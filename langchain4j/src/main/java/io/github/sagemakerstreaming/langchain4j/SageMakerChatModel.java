package io.github.sagemakerstreaming.langchain4j;

import java.util.Objects;

import io.github.sagemakerstreaming.runtime.InferenceResponse;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * A LangChain4j {@link ChatModel} for a model hosted on a SageMaker endpoint: the
 * blocking API, on the same stream as {@link SageMakerStreamingChatModel}, gathered into
 * one response with the id, finish reason, token usage, reasoning ({@code thinking}) and
 * tool execution requests. Failures are the template's
 * {@code StreamingInferenceException}s. It needs no Spring.
 */
public class SageMakerChatModel extends SageMakerModel implements ChatModel {

	private SageMakerChatModel(Builder builder) {
		super(builder);
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
		return ChatResponses.of(InferenceResponse
			.of(Objects.requireNonNull(template().streamChunks(toRequest(request)).collectList().block())));
	}

	/**
	 * Builds a {@link SageMakerChatModel} from a template, or from a client and the
	 * default request parameters.
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

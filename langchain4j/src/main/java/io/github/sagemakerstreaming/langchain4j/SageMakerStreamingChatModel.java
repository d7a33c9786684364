package io.github.sagemakerstreaming.langchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;

/**
 * A LangChain4j {@link StreamingChatModel} for a model hosted on a SageMaker endpoint, on
 * a {@link StreamingInferenceTemplate}: every call inherits the template's wire handling,
 * time limits, retries, typed errors and cancellation. It needs no Spring.
 * <p>
 * The handler gets {@code onPartialResponse} for each piece of text,
 * {@code onPartialThinking} for reasoning, {@code onPartialToolCall} for each piece of a
 * tool call and {@code onCompleteToolCall} for each whole call, then
 * {@code onCompleteResponse} with the id (SageMaker's request id), the finish reason, the
 * token usage and the tool execution requests; or {@code onError} with the template's
 * {@code StreamingInferenceException}. The {@code StreamingHandle} of every callback's
 * context cancels the stream and closes its connection. Listeners are called by
 * LangChain4j around each call.
 */
public class SageMakerStreamingChatModel extends SageMakerModel implements StreamingChatModel {

	private SageMakerStreamingChatModel(Builder builder) {
		super(builder);
	}

	/**
	 * Starts a streaming chat model.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		InferenceRequest inference;
		try {
			inference = toRequest(request);
		}
		catch (RuntimeException ex) {
			handler.onError(ex);
			return;
		}
		template().streamChunks(inference).subscribe(new StreamingResponse(handler));
	}

	/**
	 * Builds a {@link SageMakerStreamingChatModel} from a template, or from a client and
	 * the default request parameters.
	 */
	public static final class Builder extends ModelBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Builds the model.
		 * @return the model
		 */
		public SageMakerStreamingChatModel build() {
			return new SageMakerStreamingChatModel(this);
		}

	}

}

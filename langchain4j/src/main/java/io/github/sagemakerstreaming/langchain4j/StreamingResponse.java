package io.github.sagemakerstreaming.langchain4j;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.InferenceResponse;
import io.github.sagemakerstreaming.runtime.ToolCallDelta;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BaseSubscriber;

/**
 * One streamed answer delivered to a LangChain4j {@link StreamingChatResponseHandler}:
 * text, reasoning and tool-call pieces as they arrive, then each tool call whole, then
 * the whole response once the stream has completed, or the template's typed exception. It
 * is the handle whose {@code cancel()} (the subscriber's own) cancels the stream and
 * closes its connection; nothing reaches the handler after a cancel.
 */
final class StreamingResponse extends BaseSubscriber<InferenceChunk> implements StreamingHandle {

	private final StreamingChatResponseHandler handler;

	private final StringBuilder text = new StringBuilder();

	private final StringBuilder reasoning = new StringBuilder();

	/**
	 * The first piece of each tool call by index, which alone carries its id and name.
	 */
	private final Map<Integer, ToolCallDelta> firstPieces = new HashMap<>();

	private @Nullable InferenceChunk last;

	StreamingResponse(StreamingChatResponseHandler handler) {
		this.handler = handler;
	}

	@Override
	protected void hookOnNext(InferenceChunk chunk) {
		if (chunk.last()) {
			this.last = chunk;
			return;
		}
		if (!chunk.reasoning().isEmpty()) {
			this.reasoning.append(chunk.reasoning());
			this.handler.onPartialThinking(new PartialThinking(chunk.reasoning()), new PartialThinkingContext(this));
		}
		if (!chunk.text().isEmpty()) {
			this.text.append(chunk.text());
			this.handler.onPartialResponse(new PartialResponse(chunk.text()), new PartialResponseContext(this));
		}
		for (ToolCallDelta delta : chunk.toolCallDeltas()) {
			PartialToolCall partial = partial(delta);
			if (partial != null) {
				this.handler.onPartialToolCall(partial, new PartialToolCallContext(this));
			}
		}
	}

	/**
	 * Returns the piece as LangChain4j has it, with the id and name of the call's first
	 * piece, or {@code null} for a piece without arguments (the first, often), which
	 * LangChain4j does not take.
	 */
	private @Nullable PartialToolCall partial(ToolCallDelta delta) {
		ToolCallDelta first = this.firstPieces.computeIfAbsent(delta.index(), (index) -> delta);
		String name = (delta.name() != null) ? delta.name() : first.name();
		if (delta.arguments() == null || delta.arguments().isEmpty() || name == null) {
			return null;
		}
		String id = (delta.id() != null) ? delta.id() : first.id();
		return PartialToolCall.builder()
			.index(delta.index())
			.id(id)
			.name(name)
			.partialArguments(delta.arguments())
			.build();
	}

	@Override
	protected void hookOnComplete() {
		InferenceChunk last = Objects.requireNonNull(this.last, "a stream completes after its last chunk");
		for (int i = 0; i < last.toolCalls().size(); i++) {
			this.handler.onCompleteToolCall(new CompleteToolCall(i, ChatResponses.request(last.toolCalls().get(i))));
		}
		this.handler.onCompleteResponse(ChatResponses.of(new InferenceResponse(this.text.toString(),
				this.reasoning.toString(), last.finishReason(), last.toolCalls(), last.usage(), last.metadata())));
	}

	@Override
	protected void hookOnError(Throwable failure) {
		this.handler.onError(failure);
	}

	@Override
	public boolean isCancelled() {
		return isDisposed();
	}

}

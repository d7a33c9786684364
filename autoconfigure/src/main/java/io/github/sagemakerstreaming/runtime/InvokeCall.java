package io.github.sagemakerstreaming.runtime;

import java.util.List;

import io.github.sagemakerstreaming.runtime.format.WholeAnswerDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * One {@code InvokeEndpoint} call as the chunks a stream of the same answer would have
 * ended with: the call starts on subscription, cancelling the subscription cancels it,
 * the request comes with the SDK's retries off ({@link RetrySettings#callOverride}) and
 * the call is retried on the template's terms only, and its time limits bound the time to
 * the answer.
 */
final class InvokeCall {

	private static final WholeAnswerDecoder DECODER = new WholeAnswerDecoder();

	private final SageMakerRuntimeAsyncClient client;

	private final InvokeEndpointRequest request;

	private final boolean raw;

	private final StreamLimits limits;

	private final RetrySettings retry;

	InvokeCall(SageMakerRuntimeAsyncClient client, InvokeEndpointRequest request, boolean raw, StreamLimits limits,
			RetrySettings retry) {
		this.client = client;
		this.request = request;
		this.raw = raw;
		this.limits = limits;
		this.retry = retry;
	}

	Flux<InferenceChunk> chunks() {
		StreamDeadlines deadlines = new StreamDeadlines(this.limits, this.request.endpointName());
		Flux<InferenceChunk> chunks = Mono.fromFuture(() -> this.client.invokeEndpoint(this.request))
			.onErrorMap((ex) -> StreamingFailures.translate(ex, this.request.endpointName(), null, deadlines.elapsed()))
			.retryWhen(this.retry.spec())
			.flatMapIterable(this::decode);
		return deadlines.bound(chunks);
	}

	private List<InferenceChunk> decode(InvokeEndpointResponse response) {
		ResponseMetadata metadata = new ResponseMetadata(this.request.endpointName(),
				response.responseMetadata().requestId(), response.invokedProductionVariant(), response.contentType(),
				response.customAttributes(), response.newSessionId(), response.closedSessionId());
		byte[] body = response.body().asByteArrayUnsafe();
		return this.raw ? DECODER.decodeText(body, metadata) : DECODER.decode(body, metadata);
	}

}

package io.github.sagemakerstreaming.runtime;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * One {@code InvokeEndpointWithResponseStream} call as a {@link Flux}: the call starts on
 * subscription, the SDK's event publisher is subscribed to exactly once, demand flows to
 * it, and cancelling the subscription cancels the SDK subscription, which closes the
 * connection.
 * <p>
 * The request comes with the SDK's retries off ({@link RetrySettings#callOverride}): the
 * SDK would otherwise re-send it after a {@code ModelStreamError} and replay tokens
 * already delivered. The call retries on its own only while SageMaker has not answered,
 * so before any token exists.
 */
final class ResponseStreamCall {

	/**
	 * How many payload parts are requested from the SDK ahead of the subscriber's demand.
	 */
	private static final int PREFETCH = 32;

	private final SageMakerRuntimeAsyncClient client;

	private final InvokeEndpointWithResponseStreamRequest request;

	private final ResponseDecoder decoder;

	private final StreamLimits limits;

	private final RetrySettings retry;

	ResponseStreamCall(SageMakerRuntimeAsyncClient client, InvokeEndpointWithResponseStreamRequest request,
			ResponseDecoder decoder, StreamLimits limits, RetrySettings retry) {
		this.client = client;
		this.request = request;
		this.decoder = decoder;
		this.limits = limits;
		this.retry = retry;
	}

	Flux<InferenceChunk> chunks() {
		StreamDeadlines deadlines = new StreamDeadlines(this.limits, this.request.endpointName());
		Flux<InferenceChunk> chunks = Mono.<OpenStream>create(this::invoke)
			.onErrorMap((ex) -> StreamingFailures.translate(ex, this.request.endpointName(), null, deadlines.elapsed()))
			.retryWhen(this.retry.spec())
			.flatMapMany((stream) -> decode(stream, deadlines));
		return deadlines.bound(chunks);
	}

	private void invoke(MonoSink<OpenStream> sink) {
		AtomicReference<InvokeEndpointWithResponseStreamResponse> response = new AtomicReference<>();
		AtomicBoolean opened = new AtomicBoolean();
		InvokeEndpointWithResponseStreamResponseHandler handler = InvokeEndpointWithResponseStreamResponseHandler
			.builder()
			.onResponse(response::set)
			.onEventStream((events) -> {
				opened.set(true);
				sink.success(new OpenStream(
						Objects.requireNonNull(response.get(), "the SDK gives the response before its events"),
						events));
			})
			.build();
		CompletableFuture<Void> call = this.client.invokeEndpointWithResponseStream(this.request, handler);
		call.whenComplete((done, failure) -> {
			if (!opened.get()) {
				sink.error((failure != null) ? failure
						: new IllegalStateException("SageMaker completed the call without a response stream"));
			}
		});
		sink.onCancel(() -> call.cancel(true));
	}

	private Flux<InferenceChunk> decode(OpenStream stream, StreamDeadlines deadlines) {
		ResponseMetadata metadata = stream.metadata(this.request.endpointName());
		deadlines.responded(metadata.requestId());
		ResponseDecoder.Session session = this.decoder.start(metadata);
		Flux<ResponseStream> events = Flux.from(stream.events());
		if (this.limits.any()) {
			events = events.doOnNext((event) -> deadlines.event())
				.doOnRequest(deadlines::eventsRequested)
				.doOnTerminate(deadlines::eventsEnded);
		}
		return events
			.concatMapIterable((event) -> (event instanceof PayloadPart part)
					? DecodedChunks.of((chunks) -> session.decode(part.bytes().asByteArrayUnsafe(), chunks))
					: List.of(), PREFETCH)
			.concatWith(Flux.defer(() -> Flux.fromIterable(DecodedChunks.of(session::complete))))
			.onErrorMap((ex) -> StreamingFailures.translate(ex, metadata.endpointName(), metadata.requestId(),
					deadlines.elapsed()));
	}

	private record OpenStream(InvokeEndpointWithResponseStreamResponse response, SdkPublisher<ResponseStream> events) {

		ResponseMetadata metadata(String endpointName) {
			return new ResponseMetadata(endpointName, this.response.responseMetadata().requestId(),
					this.response.invokedProductionVariant(), this.response.contentType(),
					this.response.customAttributes());
		}

	}

}

package io.github.sagemakerstreaming.runtime;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.direct.EventStreamFrameDecoder;
import io.github.sagemakerstreaming.runtime.direct.ServiceErrors;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.metrics.MetricCollector;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * One {@code InvokeEndpointWithResponseStream} call on the direct transport, as a
 * {@link Flux}, with the contract of {@link ResponseStreamCall}: the template signs and
 * sends the request on the SDK's HTTP client, and decodes the event-stream frames from
 * the response's bytes as they arrive. Demand flows to the HTTP client, and cancelling
 * closes the connection.
 */
final class DirectStreamCall {

	/**
	 * How many pieces of the body are requested ahead of the subscriber's demand; each
	 * may hold many frames.
	 */
	private static final int PREFETCH = 8;

	private final DirectTransport transport;

	private final InvokeEndpointWithResponseStreamRequest request;

	private final ResponseDecoder decoder;

	private final StreamLimits limits;

	private final RetrySettings retry;

	DirectStreamCall(DirectTransport transport, InvokeEndpointWithResponseStreamRequest request,
			ResponseDecoder decoder, StreamLimits limits, RetrySettings retry) {
		this.transport = transport;
		this.request = request;
		this.decoder = decoder;
		this.limits = limits;
		this.retry = retry;
	}

	Flux<InferenceChunk> chunks() {
		StreamDeadlines deadlines = new StreamDeadlines(this.limits, this.request.endpointName());
		Flux<InferenceChunk> chunks = Mono.<OpenResponse>create(this::invoke)
			.onErrorMap((ex) -> StreamingFailures.translate(ex, this.request.endpointName(), null, deadlines.elapsed()))
			.retryWhen(this.retry.spec())
			.flatMapMany((response) -> decode(response, deadlines));
		return deadlines.bound(chunks);
	}

	private void invoke(MonoSink<OpenResponse> sink) {
		MetricCollector call = MetricCollector.create("ApiCall");
		MetricCollector attempt = call.createChild("ApiCallAttempt");
		AtomicBoolean settled = new AtomicBoolean();
		Consumer<Throwable> fail = (failure) -> {
			if (settled.compareAndSet(false, true)) {
				this.transport.publish(call.collect());
				sink.error(failure);
			}
		};
		AtomicReference<@Nullable SdkHttpResponse> headers = new AtomicReference<>();
		SdkAsyncHttpResponseHandler handler = new SdkAsyncHttpResponseHandler() {

			@Override
			public void onHeaders(SdkHttpResponse response) {
				headers.set(response);
			}

			@Override
			public void onStream(Publisher<ByteBuffer> body) {
				SdkHttpResponse response = Objects.requireNonNull(headers.get(), "headers come before the body");
				if (!response.isSuccessful()) {
					bytesOf(body).subscribe((bytes) -> fail.accept(ServiceErrors.fromResponse(response, bytes)), fail);
				}
				else if (settled.compareAndSet(false, true)) {
					sink.success(new OpenResponse(response, body, call));
				}
			}

			@Override
			public void onError(Throwable failure) {
				fail.accept(sdkFailure(failure));
			}

		};
		CompletableFuture<Void> execution = this.transport.signed(this.request)
			.thenCompose((signed) -> this.transport.httpClient()
				.execute(AsyncExecuteRequest.builder()
					.request(signed)
					.requestContentPublisher(content(this.request.body().asByteArrayUnsafe()))
					.responseHandler(handler)
					.metricCollector(attempt.createChild("HttpClient"))
					.build()));
		execution.whenComplete((done, failure) -> {
			if (failure != null) {
				fail.accept(sdkFailure(failure));
			}
		});
		sink.onCancel(() -> execution.cancel(true));
	}

	private Flux<InferenceChunk> decode(OpenResponse response, StreamDeadlines deadlines) {
		ResponseMetadata metadata = response.metadata(this.request.endpointName());
		deadlines.responded(metadata.requestId());
		FrameEvents events = new FrameEvents(this.decoder.start(metadata), response.headers());
		EventStreamFrameDecoder frames = new EventStreamFrameDecoder(events);
		Flux<ByteBuffer> body = Flux.from(response.body());
		if (this.limits.any()) {
			body = body.doOnNext((bytes) -> deadlines.event())
				.doOnRequest(deadlines::eventsRequested)
				.doOnTerminate(deadlines::eventsEnded);
		}
		return body
			.concatMapIterable((bytes) -> DecodedChunks.of((chunks) -> events.decode(frames, bytes, chunks)), PREFETCH)
			.concatWith(Flux.defer(() -> Flux.fromIterable(DecodedChunks.of(events.session::complete))))
			.onErrorMap((ex) -> StreamingFailures.translate(ex, metadata.endpointName(), metadata.requestId(),
					deadlines.elapsed()))
			.doFinally((signal) -> this.transport.publish(response.metrics().collect()));
	}

	private static Mono<byte[]> bytesOf(Publisher<ByteBuffer> body) {
		return Flux.from(body).collectList().map((buffers) -> {
			int length = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
			ByteBuffer whole = ByteBuffer.allocate(length);
			buffers.forEach(whole::put);
			return whole.array();
		});
	}

	private static SdkHttpContentPublisher content(byte[] body) {
		AsyncRequestBody content = AsyncRequestBody.fromBytesUnsafe(body);
		return new SdkHttpContentPublisher() {

			@Override
			public Optional<Long> contentLength() {
				return content.contentLength();
			}

			@Override
			public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
				content.subscribe(subscriber);
			}

		};
	}

	/**
	 * A failure of the HTTP client as the SDK client reports it.
	 */
	private static Throwable sdkFailure(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof SdkException) {
			return cause;
		}
		return SdkClientException.builder()
			.message("Unable to execute HTTP request: " + cause.getMessage())
			.cause(cause)
			.build();
	}

	/**
	 * Gives the payload parts of one piece of the body to the decoding session, and turns
	 * an exception or error frame into the SDK's exception.
	 */
	private static final class FrameEvents implements EventStreamFrameDecoder.Handler {

		private final ResponseDecoder.Session session;

		private final SdkHttpResponse response;

		private Consumer<InferenceChunk> chunks = (chunk) -> {
		};

		FrameEvents(ResponseDecoder.Session session, SdkHttpResponse response) {
			this.session = session;
			this.response = response;
		}

		void decode(EventStreamFrameDecoder frames, ByteBuffer bytes, Consumer<InferenceChunk> chunks) {
			this.chunks = chunks;
			frames.feed(bytes);
		}

		@Override
		public void payloadPart(byte[] payload) {
			this.session.decode(payload, this.chunks);
		}

		@Override
		public void exception(@Nullable String exceptionType, byte[] payload) {
			throw ServiceErrors.fromStreamException(exceptionType, payload, this.response);
		}

		@Override
		public void error(@Nullable String errorCode, @Nullable String errorMessage) {
			throw ServiceErrors.fromStreamError(errorCode, errorMessage, this.response);
		}

	}

	private record OpenResponse(SdkHttpResponse headers, Publisher<ByteBuffer> body, MetricCollector metrics) {

		ResponseMetadata metadata(String endpointName) {
			return new ResponseMetadata(endpointName, header("x-amzn-RequestId"),
					header("x-Amzn-Invoked-Production-Variant"), header("X-Amzn-SageMaker-Content-Type"),
					this.headers.firstMatchingHeader("X-Amzn-SageMaker-Custom-Attributes").orElse(null));
		}

		private String header(String name) {
			return this.headers.firstMatchingHeader(name).orElse("");
		}

	}

}

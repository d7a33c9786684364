package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * Streams through the SDK client's {@code invokeEndpointWithResponseStream}: the SDK's
 * event publisher is subscribed to exactly once, and cancelling it closes the connection.
 * The request comes with the SDK's retries off ({@link RetrySettings#callOverride}).
 */
final class SdkTransport implements StreamTransport {

	/**
	 * How many payload parts are requested from the SDK ahead of the subscriber's demand.
	 */
	private static final int PREFETCH = 32;

	private final SageMakerRuntimeAsyncClient client;

	SdkTransport(SageMakerRuntimeAsyncClient client) {
		this.client = client;
	}

	@Override
	public void open(InvokeEndpointWithResponseStreamRequest request, MonoSink<OpenStream<?>> sink) {
		int timeOffset = SdkGlobalTime.getGlobalTimeOffset();
		AtomicReference<@Nullable InvokeEndpointWithResponseStreamResponse> response = new AtomicReference<>();
		AtomicBoolean opened = new AtomicBoolean();
		InvokeEndpointWithResponseStreamResponseHandler handler = InvokeEndpointWithResponseStreamResponseHandler
			.builder()
			.onResponse(response::set)
			.onEventStream((events) -> {
				opened.set(true);
				sink.success(new Events(
						Objects.requireNonNull(response.get(), "the SDK gives the response before its events"),
						events));
			})
			.build();
		CompletableFuture<Void> call = this.client.invokeEndpointWithResponseStream(request, handler);
		call.whenComplete((done, failure) -> {
			if (!opened.get()) {
				sink.error((failure != null) ? signedWith(failure, timeOffset)
						: new IllegalStateException("SageMaker completed the call without a response stream"));
			}
		});
		sink.onCancel(() -> call.cancel(true));
	}

	/**
	 * Returns a failure with the time offset its request was signed with, which the SDK
	 * records on a service's exception as it reads the answer and drops as it counts the
	 * attempt, so that a refusal for the time the request was signed at is told by the
	 * SDK's own rule: against the clock the request was signed with, not this machine's.
	 * The SDK client signs with the offset it started from, the JVM-wide one, and
	 * corrects the two together.
	 */
	private static Throwable signedWith(Throwable failure, int timeOffset) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof AwsServiceException service) {
			AwsServiceException signed = service.toBuilder().clockSkew(Duration.ofSeconds(timeOffset)).build();
			signed.setStackTrace(service.getStackTrace());
			return signed;
		}
		return failure;
	}

	private record Events(InvokeEndpointWithResponseStreamResponse response,
			Publisher<ResponseStream> pieces) implements OpenStream<ResponseStream> {

		@Override
		public ResponseMetadata metadata(String endpointName) {
			return new ResponseMetadata(endpointName, this.response.responseMetadata().requestId(),
					this.response.invokedProductionVariant(), this.response.contentType(),
					this.response.customAttributes());
		}

		@Override
		public int prefetch() {
			return PREFETCH;
		}

		@Override
		public void decode(ResponseStream event, ResponseDecoder.Session session, Consumer<InferenceChunk> chunks) {
			if (event instanceof PayloadPart part) {
				session.decode(part.bytes().asByteArrayUnsafe(), chunks);
			}
		}

	}

}

package io.github.sagemakerstreaming.runtime;

import io.github.sagemakerstreaming.runtime.StreamTransport.OpenStream;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * One {@code InvokeEndpointWithResponseStream} call as a {@link Flux}, on either
 * transport: the call starts on subscription, the response's stream is subscribed to
 * exactly once, demand flows to it, and cancelling the subscription closes the
 * connection.
 * <p>
 * The call retries on its own only while SageMaker has not answered, so before any token
 * exists; neither transport retries by itself, which would replay tokens already
 * delivered.
 */
final class ResponseStreamCall {

	private final StreamTransport transport;

	private final InvokeEndpointWithResponseStreamRequest request;

	private final ResponseDecoder decoder;

	private final StreamLimits limits;

	private final RetrySettings retry;

	ResponseStreamCall(StreamTransport transport, InvokeEndpointWithResponseStreamRequest request,
			ResponseDecoder decoder, StreamLimits limits, RetrySettings retry) {
		this.transport = transport;
		this.request = request;
		this.decoder = decoder;
		this.limits = limits;
		this.retry = retry;
	}

	/**
	 * Returns the call's chunks: each subscription is one call, with its own time limits
	 * and its own resend for a refusal of the time it was signed at, which its attempts
	 * share.
	 */
	Flux<InferenceChunk> chunks() {
		return Flux.defer(this::call);
	}

	private Flux<InferenceChunk> call() {
		StreamDeadlines deadlines = new StreamDeadlines(this.limits, this.request.endpointName());
		Flux<InferenceChunk> chunks = Mono.<OpenStream<?>>create((sink) -> this.transport.open(this.request, sink))
			.onErrorMap((ex) -> StreamingFailures.translate(ex, this.request.endpointName(), null, deadlines.elapsed()))
			.retryWhen(RetrySettings.onceWithCorrectedClock())
			.retryWhen(this.retry.spec())
			.flatMapMany((stream) -> decode(stream, deadlines));
		return deadlines.bound(chunks);
	}

	private <P> Flux<InferenceChunk> decode(OpenStream<P> stream, StreamDeadlines deadlines) {
		ResponseMetadata metadata = stream.metadata(this.request.endpointName());
		deadlines.responded(metadata.requestId());
		ResponseDecoder.Session session = this.decoder.start(metadata);
		Flux<P> pieces = Flux.from(stream.pieces());
		if (this.limits.any()) {
			pieces = pieces.doOnNext((piece) -> deadlines.event())
				.doOnRequest(deadlines::eventsRequested)
				.doOnTerminate(deadlines::eventsEnded);
		}
		return pieces
			.concatMapIterable((piece) -> DecodedChunks.of((chunks) -> stream.decode(piece, session, chunks)),
					stream.prefetch())
			.concatWith(Flux.defer(() -> Flux.fromIterable(DecodedChunks.of(session::complete))))
			.onErrorMap((ex) -> StreamingFailures.translate(ex, metadata.endpointName(), metadata.requestId(),
					deadlines.elapsed()))
			.doFinally((signal) -> stream.ended());
	}

}

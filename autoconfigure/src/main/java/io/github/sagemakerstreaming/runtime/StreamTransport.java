package io.github.sagemakerstreaming.runtime;

import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * How an {@code InvokeEndpointWithResponseStream} call reaches SageMaker and its answer
 * comes back: through the SDK client ({@link SdkTransport}) or on the direct transport
 * ({@link DirectTransport}). A {@link ResponseStreamCall} does the rest, the same way for
 * both.
 */
interface StreamTransport {

	/**
	 * Sends one attempt of a call.
	 * @param request the call
	 * @param sink given the response once SageMaker has answered with a stream, or the
	 * failure, as the SDK's exception; cancelling it cancels the call
	 */
	void open(InvokeEndpointWithResponseStreamRequest request, MonoSink<OpenStream<?>> sink);

	/**
	 * A response whose stream has started.
	 *
	 * @param <P> the type of the pieces the stream arrives in
	 */
	interface OpenStream<P> {

		/**
		 * Returns what the response says about itself.
		 * @param endpointName the endpoint that was invoked
		 * @return the metadata
		 */
		ResponseMetadata metadata(String endpointName);

		/**
		 * Returns the stream's pieces, which may be subscribed to once; cancelling the
		 * subscription closes the connection.
		 * @return the pieces
		 */
		Publisher<P> pieces();

		/**
		 * Returns how many pieces are requested ahead of the subscriber's demand.
		 * @return the look-ahead
		 */
		int prefetch();

		/**
		 * Decodes one piece.
		 * @param piece the piece
		 * @param session the response's decoding session
		 * @param chunks what receives the chunks decoded
		 */
		void decode(P piece, ResponseDecoder.Session session, Consumer<InferenceChunk> chunks);

		/**
		 * Called once the stream has ended, however it ended.
		 */
		default void ended() {
		}

	}

}

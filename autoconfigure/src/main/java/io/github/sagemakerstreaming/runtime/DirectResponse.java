package io.github.sagemakerstreaming.runtime;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.direct.EventStreamFrameDecoder;
import io.github.sagemakerstreaming.runtime.direct.ServiceErrors;
import io.github.sagemakerstreaming.runtime.format.ResponseDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A response on the direct transport: its metadata read from the HTTP headers, and its
 * body decoded frame by frame, each payload part given to the decoding session and an
 * exception or error frame thrown as the SDK's exception.
 */
final class DirectResponse implements StreamTransport.OpenStream<ByteBuffer>, EventStreamFrameDecoder.Handler {

	/**
	 * How many pieces of the body are requested ahead of the subscriber's demand; each
	 * may hold many frames.
	 */
	private static final int PREFETCH = 8;

	private static final Consumer<InferenceChunk> NOWHERE = (chunk) -> {
	};

	private final SdkHttpResponse headers;

	private final Publisher<ByteBuffer> body;

	private final Runnable ended;

	private final EventStreamFrameDecoder frames = new EventStreamFrameDecoder(this);

	private ResponseDecoder.@Nullable Session session;

	private Consumer<InferenceChunk> chunks = NOWHERE;

	DirectResponse(SdkHttpResponse headers, Publisher<ByteBuffer> body, Runnable ended) {
		this.headers = headers;
		this.body = body;
		this.ended = ended;
	}

	@Override
	public ResponseMetadata metadata(String endpointName) {
		return new ResponseMetadata(endpointName, header("x-amzn-RequestId"),
				header("x-Amzn-Invoked-Production-Variant"), header("X-Amzn-SageMaker-Content-Type"),
				this.headers.firstMatchingHeader("X-Amzn-SageMaker-Custom-Attributes").orElse(null));
	}

	private String header(String name) {
		return this.headers.firstMatchingHeader(name).orElse("");
	}

	@Override
	public Publisher<ByteBuffer> pieces() {
		return this.body;
	}

	@Override
	public int prefetch() {
		return PREFETCH;
	}

	@Override
	public void decode(ByteBuffer piece, ResponseDecoder.Session session, Consumer<InferenceChunk> chunks) {
		this.session = session;
		this.chunks = chunks;
		this.frames.feed(piece);
	}

	@Override
	public void ended() {
		this.ended.run();
	}

	@Override
	public void payloadPart(byte[] payload) {
		Objects.requireNonNull(this.session, "a piece is decoded with its session").decode(payload, this.chunks);
	}

	@Override
	public void exception(@Nullable String exceptionType, byte[] payload) {
		throw ServiceErrors.fromStreamException(exceptionType, payload, this.headers);
	}

	@Override
	public void error(@Nullable String errorCode, @Nullable String errorMessage) {
		throw ServiceErrors.fromStreamError(errorCode, errorMessage, this.headers);
	}

}

package io.github.sagemakerstreaming.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * One attempt of a call on the direct transport, from its request to SageMaker's answer:
 * it settles the call's sink once, with the response or with the failure, as the SDK's
 * exception.
 * <p>
 * Who releases what: until the sink is settled, cancelling it cancels every stage of the
 * request {@link #sends(CompletableFuture) sent}, and the HTTP client then gives the
 * connection back or closes it; an error body being read is abandoned. An error body is
 * read no further than {@link #ERROR_BODY_LIMIT}, and the rest is cancelled. A stream's
 * body that arrives once the sink is cancelled or settled is subscribed to and cancelled
 * at once, which closes its connection. Once the sink holds the response, its body
 * belongs to whoever subscribes to it.
 */
final class DirectAttempt implements SdkAsyncHttpResponseHandler {

	/**
	 * How much of an error body is read: SageMaker's errors take a few hundred bytes, and
	 * the start of a longer body is enough to tell what went wrong.
	 */
	static final int ERROR_BODY_LIMIT = 64 * 1024;

	private final MonoSink<StreamTransport.OpenStream<?>> sink;

	private final Runnable ended;

	private final BiFunction<SdkHttpResponse, byte[], ? extends Throwable> errors;

	private final AtomicBoolean settled = new AtomicBoolean();

	private final Disposable.Composite inFlight = Disposables.composite();

	private final AtomicReference<@Nullable SdkHttpResponse> headers = new AtomicReference<>();

	/**
	 * Creates an attempt that settles the given sink.
	 * @param sink given the response or the failure
	 * @param ended called once the attempt has failed, or once its stream has ended
	 * @param errors reads an error response from its headers and the start of its body
	 */
	DirectAttempt(MonoSink<StreamTransport.OpenStream<?>> sink, Runnable ended,
			BiFunction<SdkHttpResponse, byte[], ? extends Throwable> errors) {
		this.sink = sink;
		this.ended = ended;
		this.errors = errors;
	}

	/**
	 * Follows one stage of sending the request: cancelling the attempt cancels it, at
	 * once if the attempt is already cancelled or settled, and its failure fails the
	 * attempt.
	 * @param stage the stage
	 * @return the stage
	 */
	CompletableFuture<Void> sends(CompletableFuture<Void> stage) {
		this.inFlight.add(() -> stage.cancel(true));
		stage.whenComplete((done, failure) -> {
			if (failure != null) {
				fail(sdkFailure(failure));
			}
		});
		return stage;
	}

	/**
	 * Gives the attempt up: the call's sink was cancelled.
	 */
	void cancel() {
		this.settled.set(true);
		this.inFlight.dispose();
	}

	@Override
	public void onHeaders(SdkHttpResponse response) {
		this.headers.set(response);
	}

	@Override
	public void onStream(Publisher<ByteBuffer> body) {
		SdkHttpResponse response = Objects.requireNonNull(this.headers.get(), "headers come before the body");
		if (!response.isSuccessful() && !this.settled.get()) {
			ErrorBody error = new ErrorBody(response);
			this.inFlight.add(error);
			body.subscribe(error);
		}
		else if (response.isSuccessful() && this.settled.compareAndSet(false, true)) {
			this.sink.success(new DirectResponse(response, body, this.ended));
		}
		else {
			cancelUnread(body);
		}
	}

	@Override
	public void onError(Throwable failure) {
		fail(sdkFailure(failure));
	}

	private void fail(Throwable failure) {
		if (this.settled.compareAndSet(false, true)) {
			this.ended.run();
			this.sink.error(failure);
		}
	}

	/**
	 * Subscribes to a body that nobody will read and cancels it at once, which closes its
	 * connection.
	 */
	private static void cancelUnread(Publisher<ByteBuffer> body) {
		body.subscribe(new BaseSubscriber<ByteBuffer>() {

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.cancel();
			}

		});
	}

	/**
	 * A failure as the SDK client reports it: its own exceptions as they are, anything
	 * else from resolving credentials or from the HTTP client, whether sending the
	 * request or reading an error body, inside an {@code SdkClientException} of the one
	 * attempt that the SDK client, its retries off, counts in its message.
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
			.numAttempts(1)
			.build();
	}

	/**
	 * Reads an error body up to {@link #ERROR_BODY_LIMIT}, fails the attempt with the
	 * error it holds, and only then cancels the rest, so that the HTTP client's report of
	 * the body cancelled never takes the error's place.
	 */
	private final class ErrorBody extends BaseSubscriber<ByteBuffer> {

		private final SdkHttpResponse response;

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		ErrorBody(SdkHttpResponse response) {
			this.response = response;
		}

		@Override
		protected void hookOnNext(ByteBuffer piece) {
			byte[] part = new byte[Math.min(piece.remaining(), ERROR_BODY_LIMIT - this.kept.size())];
			piece.get(part);
			this.kept.writeBytes(part);
			if (this.kept.size() == ERROR_BODY_LIMIT) {
				hookOnComplete();
				cancel();
			}
		}

		@Override
		protected void hookOnComplete() {
			fail(DirectAttempt.this.errors.apply(this.response, this.kept.toByteArray()));
		}

		@Override
		protected void hookOnError(Throwable failure) {
			fail(sdkFailure(failure));
		}

	}

}

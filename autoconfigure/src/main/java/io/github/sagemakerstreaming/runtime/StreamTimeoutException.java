package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A stream ended because one of its time limits passed; the connection was closed. Tokens
 * received before it are valid. {@link #errorCode()} names the limit:
 * {@code FirstTokenTimeout}, {@code IdleTimeout}, {@code TotalTimeout}, or
 * {@code ReadTimeout} when the HTTP client's own read timeout fired before the stream's
 * limits. A timeout is never retried by the template: the request may have reached the
 * model.
 */
public class StreamTimeoutException extends StreamingInferenceException {

	/** The time limits of a stream. */
	public enum Limit {

		/** From subscription to the first token, retries included. */
		FIRST_TOKEN("FirstTokenTimeout", "first-token-timeout", "No token arrived"),

		/**
		 * The longest silence of the endpoint once the stream has started, while the
		 * subscriber is waiting for more; keep-alives count as events.
		 */
		IDLE("IdleTimeout", "idle-timeout", "Nothing arrived"),

		/** The whole stream. */
		TOTAL("TotalTimeout", "total-timeout", "The stream did not finish"),

		/**
		 * The HTTP client's read timeout: the longest silence on the connection, set on
		 * the client.
		 */
		READ("ReadTimeout", "http.read-timeout", "Nothing arrived");

		private final String errorCode;

		private final String property;

		private final String what;

		Limit(String errorCode, String property, String what) {
			this.errorCode = errorCode;
			this.property = property;
			this.what = what;
		}

		/**
		 * Returns the error code of a timeout of this limit.
		 * @return the error code
		 */
		public String errorCode() {
			return this.errorCode;
		}

		private String describe(@Nullable Duration timeout, Duration elapsed, @Nullable String endpointName) {
			String when = " (" + elapsed.toMillis() + " ms after subscription), so ";
			if (this == READ) {
				return this.what + " from endpoint '" + endpointName + "' within the HTTP client's read timeout" + when
						+ "the client closed the connection before the stream's own time limits could pass. Raise the "
						+ "read timeout above sagemaker.runtime.first-token-timeout and idle-timeout: "
						+ "sagemaker.runtime.http.read-timeout for the auto-configured client, or "
						+ "NettyNioAsyncHttpClient.Builder.readTimeout(...) for your own client.";
			}
			return this.what + " from endpoint '" + endpointName + "' within the " + this.property + " of " + timeout
					+ when + "the stream was stopped and its connection closed. If the model needs longer, raise "
					+ "sagemaker.runtime." + this.property + " or set it on the request.";
		}

	}

	private final Limit limit;

	private final Duration elapsed;

	/**
	 * Creates an exception.
	 * @param limit the limit that passed
	 * @param timeout the limit's value, or {@code null} for the HTTP client's read
	 * timeout
	 * @param elapsed the time since subscription
	 * @param endpointName the endpoint
	 * @param requestId the request id, if a response had arrived
	 */
	public StreamTimeoutException(Limit limit, @Nullable Duration timeout, Duration elapsed,
			@Nullable String endpointName, @Nullable String requestId) {
		this(limit, timeout, elapsed, endpointName, requestId, null);
	}

	/**
	 * Creates an exception.
	 * @param limit the limit that passed
	 * @param timeout the limit's value, or {@code null} for the HTTP client's read
	 * timeout
	 * @param elapsed the time since subscription
	 * @param endpointName the endpoint
	 * @param requestId the request id, if a response had arrived
	 * @param cause the exception that reported the timeout, or {@code null}
	 */
	public StreamTimeoutException(Limit limit, @Nullable Duration timeout, Duration elapsed,
			@Nullable String endpointName, @Nullable String requestId, @Nullable Throwable cause) {
		super(limit.describe(timeout, elapsed, endpointName), limit.errorCode, endpointName, requestId, cause);
		this.limit = limit;
		this.elapsed = elapsed;
	}

	/**
	 * Returns the limit that passed.
	 * @return the limit
	 */
	public Limit limit() {
		return this.limit;
	}

	/**
	 * Returns the time from subscription to the timeout.
	 * @return the elapsed time
	 */
	public Duration elapsed() {
		return this.elapsed;
	}

}

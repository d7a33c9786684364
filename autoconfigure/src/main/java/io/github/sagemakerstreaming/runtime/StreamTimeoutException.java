package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

/**
 * A stream ended because one of its time limits passed; the connection was closed. Tokens received
 * before it are valid. {@link #errorCode()} names the limit: {@code FirstTokenTimeout},
 * {@code IdleTimeout} or {@code TotalTimeout}.
 */
public class StreamTimeoutException extends StreamingInferenceException {

	/** The time limits of a stream. */
	public enum Limit {

		/** From subscription to the first token, retries included. */
		FIRST_TOKEN("FirstTokenTimeout", "first-token-timeout", "No token arrived"),

		/** The longest gap between two events once the stream has started; keep-alives count as events. */
		IDLE("IdleTimeout", "idle-timeout", "Nothing arrived"),

		/** The whole stream. */
		TOTAL("TotalTimeout", "total-timeout", "The stream did not finish");

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

	}

	private final Limit limit;

	private final Duration elapsed;

	/**
	 * Creates an exception.
	 * @param limit the limit that passed
	 * @param timeout the limit's value
	 * @param elapsed the time since subscription
	 * @param endpointName the endpoint
	 * @param requestId the request id, if a response had arrived
	 */
	public StreamTimeoutException(Limit limit, Duration timeout, Duration elapsed, String endpointName, String requestId) {
		super(limit.what + " from endpoint '" + endpointName + "' within the " + limit.property + " of " + timeout
				+ " (" + elapsed.toMillis() + " ms after subscription), so the stream was stopped and its connection "
				+ "closed. If the model needs longer, raise sagemaker.runtime." + limit.property
				+ " or set it on the request.", limit.errorCode, endpointName, requestId, null);
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

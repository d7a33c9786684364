package io.github.sagemakerstreaming.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type with which every failure of a streaming invocation reaches the
 * subscriber. The cause, where there is one, is the AWS SDK exception or the I/O error
 * behind it.
 * <p>
 * {@link #errorCode()} names the failure for code that branches on it: SageMaker's error
 * shape for service errors ({@code ModelError} for a 424, {@code ValidationError},
 * {@code ModelNotReadyException}, ...), the {@code ErrorCode} of a
 * {@code ModelStreamError} ({@code ModelInvocationTimeExceeded}, {@code StreamBroken}),
 * {@code InternalStreamFailure}, or one of this library's own codes documented on the
 * subclasses and constants here.
 */
public class StreamingInferenceException extends RuntimeException {

	/**
	 * The code for a failure to reach the endpoint or to read its response (connection,
	 * timeout, framing).
	 */
	public static final String CLIENT_ERROR = "ClientError";

	/**
	 * The code for a container record that is not valid JSON where the format expects
	 * JSON.
	 */
	public static final String MALFORMED_RECORD = "MalformedRecord";

	/**
	 * The code for a container record that is valid JSON but of a format the decoder does
	 * not know, such as DJL's {@code 3p_stream} or Triton's {@code text_output}.
	 */
	public static final String UNRECOGNIZED_FORMAT = "UnrecognizedFormat";

	/** The code for a container record longer than the decoder's limit. */
	public static final String RECORD_TOO_LARGE = "RecordTooLarge";

	/**
	 * The code for a stream ended because the scheduler that watches its time limits
	 * refused a check (disposed, or bounded and full), so that the limits could no longer
	 * be enforced.
	 */
	public static final String TIMER_REFUSED = "TimerRefused";

	private final String errorCode;

	private final @Nullable String endpointName;

	private final @Nullable String requestId;

	/**
	 * Creates an exception.
	 * @param message what went wrong and what to do about it
	 * @param errorCode the error code
	 * @param endpointName the endpoint, where known
	 * @param requestId the SageMaker request id, where known
	 * @param cause the cause, or {@code null}
	 */
	public StreamingInferenceException(String message, String errorCode, @Nullable String endpointName,
			@Nullable String requestId, @Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
		this.endpointName = endpointName;
		this.requestId = requestId;
	}

	/**
	 * Returns the code that names the failure.
	 * @return the error code
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * Returns the endpoint that was invoked.
	 * @return the endpoint name, or {@code null} if the failure happened before one was
	 * chosen
	 */
	public @Nullable String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns SageMaker's request id.
	 * @return the request id, or {@code null} if no response arrived
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

}

package io.github.sagemakerstreaming.emulator;

/**
 * An error response that SageMaker sends instead of a stream, with its status and error
 * type as the AWS SDK parses them.
 *
 * @param status the HTTP status
 * @param errorType the SageMaker error shape, sent as {@code x-amzn-ErrorType}
 * @param message the message
 */
public record HttpFault(int status, String errorType, String message) {

	/**
	 * A 424 {@code ModelError}: the container answered with an error status.
	 * @param message the container's message
	 * @return the fault
	 */
	public static HttpFault modelError(String message) {
		return new HttpFault(424, "ModelError", message);
	}

	/**
	 * A 400 {@code ValidationError}.
	 * @param message the message
	 * @return the fault
	 */
	public static HttpFault validationError(String message) {
		return new HttpFault(400, "ValidationError", message);
	}

	/**
	 * A 429 {@code ModelNotReadyException}.
	 * @return the fault
	 */
	public static HttpFault modelNotReady() {
		return new HttpFault(429, "ModelNotReadyException", "Model is not ready to serve requests.");
	}

	/**
	 * A 500 {@code InternalFailure}.
	 * @return the fault
	 */
	public static HttpFault internalFailure() {
		return new HttpFault(500, "InternalFailure", "An internal failure occurred.");
	}

	/**
	 * A 503 {@code ServiceUnavailable}.
	 * @return the fault
	 */
	public static HttpFault serviceUnavailable() {
		return new HttpFault(503, "ServiceUnavailable", "The service is unavailable. Try again later.");
	}

}

package io.github.sagemakerstreaming.runtime;

import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceRequest} that SageMaker would reject, detected before anything was
 * sent. The message names the field and the constraint. Error code {@value #ERROR_CODE}.
 */
public class InvalidInferenceRequestException extends StreamingInferenceException {

	/** The error code of this exception. */
	public static final String ERROR_CODE = "InvalidRequest";

	/**
	 * Creates an exception.
	 * @param message the field and the constraint it breaks
	 * @param endpointName the endpoint, where known
	 */
	public InvalidInferenceRequestException(String message, @Nullable String endpointName) {
		super(message, ERROR_CODE, endpointName, null, null);
	}

}

package io.github.sagemakerstreaming.runtime.embedding;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import org.jspecify.annotations.Nullable;

/**
 * The one exception type with which every failure of an {@code embed} call reaches the
 * subscriber, with the AWS SDK exception or the I/O error behind it as its cause.
 * {@link #errorCode()} is SageMaker's error shape for service errors ({@code ModelError},
 * {@code ValidationError}, {@code ThrottlingException}, ...), or one of the codes
 * declared here.
 */
public class EmbeddingException extends StreamingInferenceException {

	/**
	 * The code for a batch that the container refused as too large, as TEI refuses one
	 * above its {@code --max-client-batch-size}.
	 */
	public static final String BATCH_TOO_LARGE = "BatchTooLarge";

	/** The code for an answer with a different number of vectors than inputs. */
	public static final String VECTOR_COUNT_MISMATCH = "VectorCountMismatch";

	/**
	 * The code for an answer whose vectors are not of the length the request's
	 * {@code dimensions} parameter asked for, as from a container that ignores it.
	 */
	public static final String DIMENSIONS_MISMATCH = "DimensionsMismatch";

	/** The code for a call that did not answer within the template's timeout. */
	public static final String TIMEOUT = "EmbeddingTimeout";

	/**
	 * Creates an exception.
	 * @param message what went wrong and what to do about it
	 * @param errorCode the error code
	 * @param endpointName the endpoint, where known
	 * @param requestId the SageMaker request id, where known
	 * @param cause the cause, or {@code null}
	 */
	public EmbeddingException(String message, String errorCode, @Nullable String endpointName,
			@Nullable String requestId, @Nullable Throwable cause) {
		super(message, errorCode, endpointName, requestId, cause);
	}

}

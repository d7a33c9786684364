package io.github.sagemakerstreaming.runtime;

/**
 * The response ended before the container's end-of-generation marker ({@code [DONE]}, a
 * non-null {@code generated_text}, a {@code finish_reason}). The AWS SDK reports a
 * connection cut in the middle of a stream as a normal completion; this exception makes
 * sure it is never mistaken for a whole answer. Error code {@value #ERROR_CODE}.
 */
public class IncompleteStreamException extends StreamingInferenceException {

	/** The error code of this exception. */
	public static final String ERROR_CODE = "IncompleteStream";

	/**
	 * Creates an exception.
	 * @param metadata the response metadata
	 */
	public IncompleteStreamException(ResponseMetadata metadata) {
		super("The stream from endpoint '" + metadata.endpointName()
				+ "' ended before the container said the generation was over, so the answer is cut short. "
				+ "The connection was probably closed early; retry the request. If this container never sends an "
				+ "end-of-stream marker, use the raw format or a ResponseDecoder of your own.", ERROR_CODE,
				metadata.endpointName(), metadata.requestId(), null);
	}

}

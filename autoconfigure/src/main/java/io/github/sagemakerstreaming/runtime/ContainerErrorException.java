package io.github.sagemakerstreaming.runtime;

/**
 * The model container reported an error inside a stream that SageMaker had already
 * answered with HTTP 200 (for example TGI's {@code {"error":...}}, DJL's
 * {@code {"code":424,...}} or vLLM's {@code {"error":{...}}}). Tokens received before it
 * are valid; the rest of the answer was not generated. Error code {@value #ERROR_CODE}.
 */
public class ContainerErrorException extends StreamingInferenceException {

	/** The error code of this exception. */
	public static final String ERROR_CODE = "ContainerError";

	private final String containerMessage;

	/**
	 * Creates an exception.
	 * @param containerMessage the container's own message
	 * @param metadata the response metadata
	 */
	public ContainerErrorException(String containerMessage, ResponseMetadata metadata) {
		super("The container behind endpoint '" + metadata.endpointName()
				+ "' reported an error in the middle of the stream: " + containerMessage
				+ ". Check the endpoint's CloudWatch logs (/aws/sagemaker/Endpoints/" + metadata.endpointName() + ").",
				ERROR_CODE, metadata.endpointName(), metadata.requestId(), null);
		this.containerMessage = containerMessage;
	}

	/**
	 * Returns the container's own error message.
	 * @return the message
	 */
	public String containerMessage() {
		return this.containerMessage;
	}

}

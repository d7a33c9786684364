package io.github.sagemakerstreaming.autoconfigure;

/**
 * No AWS credentials could be resolved for the SageMaker Runtime client at startup.
 */
class MissingCredentialsException extends IllegalStateException {

	private final String sdkMessage;

	MissingCredentialsException(Throwable cause) {
		super("No AWS credentials for the SageMaker Runtime client", cause);
		this.sdkMessage = String.valueOf(cause.getMessage());
	}

	/**
	 * Returns what the AWS SDK said when it looked.
	 */
	String sdkMessage() {
		return this.sdkMessage;
	}

}

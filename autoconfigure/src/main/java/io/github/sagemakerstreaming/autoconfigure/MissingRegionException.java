package io.github.sagemakerstreaming.autoconfigure;

/**
 * No AWS region could be found for the SageMaker Runtime client.
 */
class MissingRegionException extends IllegalStateException {

	private final String sdkMessage;

	MissingRegionException(Throwable cause) {
		super("No AWS region for the SageMaker Runtime client", cause);
		this.sdkMessage = String.valueOf(cause.getMessage());
	}

	/**
	 * Returns what the AWS SDK said when it looked.
	 */
	String sdkMessage() {
		return this.sdkMessage;
	}

}

package io.github.sagemakerstreaming.autoconfigure;

/**
 * No AWS credentials could be resolved for the SageMaker Runtime client at startup.
 */
class MissingCredentialsException extends IllegalStateException {

	MissingCredentialsException(Throwable cause) {
		super("No AWS credentials for the SageMaker Runtime client", cause);
	}

}

package io.github.sagemakerstreaming.autoconfigure;

/**
 * No AWS region could be found for the SageMaker Runtime client.
 */
class MissingRegionException extends IllegalStateException {

	MissingRegionException(Throwable cause) {
		super("No AWS region for the SageMaker Runtime client", cause);
	}

}

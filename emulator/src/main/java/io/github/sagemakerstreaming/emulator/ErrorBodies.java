package io.github.sagemakerstreaming.emulator;

/**
 * The JSON bodies of SageMaker's error responses.
 */
final class ErrorBodies {

	private ErrorBodies() {
	}

	static String of(HttpFault fault, String endpointName) {
		if (!"ModelError".equals(fault.errorType())) {
			return "{\"Message\":" + Dialect.json(fault.message()) + "}";
		}
		return modelError(424, fault.message(), endpointName);
	}

	/**
	 * The body of a 424 {@code ModelError}: SageMaker's report of a container that
	 * answered with a client error status, which it passes on with the container's body
	 * (the wire reference's {@code CLIENT_ERROR_FROM_MODEL} example).
	 */
	static String modelError(int originalStatus, String originalMessage, String endpointName) {
		String logGroup = "/aws/sagemaker/Endpoints/" + endpointName;
		String message = "Received client error (" + originalStatus + ") from primary with message \"" + originalMessage
				+ "\". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group="
				+ logGroup + " in account 123456789012 for more information.";
		return "{\"ErrorCode\":\"CLIENT_ERROR_FROM_MODEL\",\"LogStreamArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:"
				+ logGroup + "\",\"Message\":" + Dialect.json(message) + ",\"OriginalMessage\":"
				+ Dialect.json(originalMessage) + ",\"OriginalStatusCode\":" + originalStatus + "}";
	}

}

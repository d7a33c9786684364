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
		String logGroup = "/aws/sagemaker/Endpoints/" + endpointName;
		String message = "Received client error (424) from primary with message \"" + fault.message()
				+ "\". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group="
				+ logGroup + " in account 123456789012 for more information.";
		return "{\"ErrorCode\":\"CLIENT_ERROR_FROM_MODEL\",\"LogStreamArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:"
				+ logGroup + "\",\"Message\":" + Dialect.json(message) + ",\"OriginalMessage\":"
				+ Dialect.json(fault.message()) + ",\"OriginalStatusCode\":424}";
	}

}

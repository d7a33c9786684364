package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SageMaker control plane's {@code DescribeEndpoint}, in its JSON 1.1 protocol, for
 * registered endpoints.
 */
final class ControlPlane {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/";

	private ControlPlane() {
	}

	record Answer(int status, String body) {

	}

	static String endpointName(byte[] body) {
		try {
			return JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("EndpointName").asString("");
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	static Answer answer(String target, String name, @Nullable EmulatedEndpoint endpoint, boolean denied) {
		if (!"SageMaker.DescribeEndpoint".equals(target)) {
			return error("UnknownOperationException",
					"The emulator answers SageMaker.DescribeEndpoint only, not " + target);
		}
		if (denied) {
			return error("AccessDeniedException",
					"User: arn:aws:iam::123456789012:user/app is not authorized to perform: "
							+ "sagemaker:DescribeEndpoint on resource: " + ARN + name.toLowerCase(java.util.Locale.ROOT)
							+ " because no identity-based policy allows the sagemaker:DescribeEndpoint action");
		}
		if (endpoint == null) {
			return error("ValidationException", "Could not find endpoint \"" + name + "\".");
		}
		String failure = (endpoint.failureReason() != null)
				? ",\"FailureReason\":" + Dialect.json(endpoint.failureReason()) : "";
		return new Answer(200,
				"{\"EndpointName\":" + Dialect.json(name) + ",\"EndpointArn\":" + Dialect.json(ARN + name)
						+ ",\"EndpointConfigName\":" + Dialect.json(name + "-config") + ",\"EndpointStatus\":"
						+ Dialect.json(endpoint.status()) + failure
						+ ",\"CreationTime\":1.7640E9,\"LastModifiedTime\":1.7641E9}");
	}

	private static Answer error(String type, String message) {
		return new Answer(400, "{\"__type\":" + Dialect.json(type) + ",\"message\":" + Dialect.json(message) + "}");
	}

}

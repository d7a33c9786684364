package io.github.sagemakerstreaming.emulator;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The checks SageMaker makes on an invocation before the container sees it, with its
 * messages.
 */
final class RequestValidation {

	static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

	private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9])*$");

	private static final Pattern VISIBLE_ASCII = Pattern.compile("^[\\x20-\\x7E\\t]*$");

	private RequestValidation() {
	}

	/**
	 * Returns SageMaker's validation message for a bad request, or {@code null} for a
	 * good one.
	 */
	static @Nullable String check(String endpointName, byte[] body, RecordedInvocation invocation) {
		if (endpointName.length() > 63 || !NAME.matcher(endpointName).matches()) {
			return violation(endpointName, "endpointName",
					"Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$ and have length less than or equal to 63");
		}
		if (body.length > MAX_BODY_BYTES) {
			return violation("<body>", "body", "Member must have length less than or equal to " + MAX_BODY_BYTES);
		}
		String customAttributes = invocation.header("X-Amzn-SageMaker-Custom-Attributes");
		if (customAttributes != null
				&& (customAttributes.length() > 1024 || !VISIBLE_ASCII.matcher(customAttributes).matches())) {
			return violation(customAttributes, "customAttributes",
					"Member must have length less than or equal to 1024 and contain visible US-ASCII only");
		}
		for (String header : new String[] { "X-Amzn-SageMaker-Target-Variant",
				"X-Amzn-SageMaker-Target-Container-Hostname" }) {
			String value = invocation.header(header);
			if (value != null && (value.length() > 63 || !NAME.matcher(value).matches())) {
				return violation(value, header,
						"Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$");
			}
		}
		return null;
	}

	private static String violation(String value, String member, String constraint) {
		return "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: "
				+ constraint;
	}

}

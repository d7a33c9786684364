package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The constraints that the SageMaker Runtime API documents for
 * {@code InvokeEndpointWithResponseStream}, checked before a request is sent so that a
 * bad value fails with a message that names it.
 */
final class RequestConstraints {

	/** The session id that asks {@code InvokeEndpoint} to open a session. */
	static final String NEW_SESSION = "NEW_SESSION";

	/** The largest request body SageMaker accepts: 6 MiB. */
	static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");

	private static final Pattern INFERENCE_COMPONENT_NAME = Pattern.compile("[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?");

	private static final Pattern INFERENCE_ID = Pattern.compile("\\S\\p{Print}*");

	private static final Pattern ASCII = Pattern.compile("\\p{ASCII}*");

	private static final Set<String> RESERVED_PARAMETERS = new TreeSet<>(
			Set.of("messages", "prompt", "inputs", "stream"));

	private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x20-\\x7E\\t]*");

	private RequestConstraints() {
	}

	static void endpointName(@Nullable String value, String field) {
		name(value, field, 63, NAME,
				"letters, digits and single or repeated hyphens, starting and ending with a letter or digit");
	}

	static void inferenceComponentName(@Nullable String value, String field) {
		name(value, field, 63, INFERENCE_COMPONENT_NAME,
				"letters, digits and hyphens, starting and ending with a letter or digit");
	}

	static void sessionId(@Nullable String value, String field) {
		if (NEW_SESSION.equals(value)) {
			throw new InvalidInferenceRequestException("NEW_SESSION opens a session, which only InvokeEndpoint can do: "
					+ "open the session first with StreamingInferenceTemplate.openSession(...), then continue it with "
					+ "InferenceRequest.Builder.session(...).", null);
		}
		name(value, field, 256, NAME, "letters, digits and hyphens, starting and ending with a letter or digit");
	}

	static void targetModel(@Nullable String value, String field) {
		if (value != null && (value.isEmpty() || value.length() > 1024 || !INFERENCE_ID.matcher(value).matches())) {
			throw invalid(field, value, "1 to 1024 printable characters, not starting with white space");
		}
	}

	static void inferenceId(@Nullable String value, String field) {
		if (value != null && (value.isEmpty() || value.length() > 64 || !INFERENCE_ID.matcher(value).matches())) {
			throw invalid(field, value, "1 to 64 printable characters, not starting with white space");
		}
	}

	static void asciiHeader(@Nullable String value, String field) {
		if (value != null && (value.length() > 1024 || !ASCII.matcher(value).matches())) {
			throw invalid(field, value, "at most 1024 US-ASCII characters");
		}
	}

	static void customAttributes(@Nullable String value, String field) {
		if (value != null && (value.length() > 1024 || !VISIBLE_ASCII.matcher(value).matches())) {
			throw invalid(field, value, "at most 1024 visible US-ASCII characters (RFC 7230 field-value)");
		}
	}

	/**
	 * Refuses the parameters that would replace what the format builds from the prompt: a
	 * parameter is merged into the body (or its {@code parameters} object), so
	 * {@code messages}, {@code prompt}, {@code inputs} or {@code stream} would override
	 * the prompt, its length checks and streaming itself.
	 */
	static void parameters(Map<String, ?> parameters, @Nullable String endpointName) {
		for (String name : parameters.keySet()) {
			if (RESERVED_PARAMETERS.contains(name)) {
				throw new InvalidInferenceRequestException("The parameter '" + name + "' would replace the part of the "
						+ "body that the format builds from the prompt; parameters may not be named "
						+ RESERVED_PARAMETERS
						+ ". Set the prompt, or send a body of your own with InferenceRequest.Builder.body(...).",
						endpointName);
			}
		}
	}

	/**
	 * Checks, before sending, that a request continuing a session goes where the session
	 * lives and that the session has not expired.
	 */
	static void session(InferenceSession session, String endpointName, @Nullable String inferenceComponentName,
			Instant now) {
		if (!session.endpointName().equals(endpointName)
				|| !Objects.equals(session.inferenceComponentName(), inferenceComponentName)) {
			throw new InvalidInferenceRequestException(
					"Session " + session.id() + " belongs to endpoint '" + session.endpointName() + "'"
							+ ((session.inferenceComponentName() != null)
									? " and inference component '" + session.inferenceComponentName() + "'" : "")
							+ ", but the request goes to endpoint '" + endpointName + "'"
							+ ((inferenceComponentName != null)
									? " and inference component '" + inferenceComponentName + "'" : "")
							+ ": send it where the session was opened.",
					endpointName);
		}
		if (session.isExpired(now)) {
			throw new InvalidInferenceRequestException("Session " + session.id() + " expired at " + session.expiresAt()
					+ ": open a new one with StreamingInferenceTemplate.openSession(...).", endpointName);
		}
	}

	static void positive(@Nullable Duration value, String field) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new InvalidInferenceRequestException("Invalid " + field + " " + value + ": it must be positive.",
					null);
		}
	}

	static void bodySize(int bytes, @Nullable String endpointName) {
		if (bytes > MAX_BODY_BYTES) {
			throw new InvalidInferenceRequestException("The request body is " + bytes
					+ " bytes; SageMaker accepts at most " + MAX_BODY_BYTES + " bytes (6 MiB). Shorten the prompt.",
					endpointName);
		}
	}

	private static void name(@Nullable String value, String field, int maxLength, Pattern pattern, String rule) {
		if (value != null && (value.length() > maxLength || !pattern.matcher(value).matches())) {
			throw invalid(field, value, "at most " + maxLength + " " + rule);
		}
	}

	private static InvalidInferenceRequestException invalid(String field, String value, String rule) {
		String shown = (value.length() > 80) ? value.substring(0, 80) + "..." : value;
		return new InvalidInferenceRequestException(
				"Invalid " + field + " '" + shown + "' (" + value.length() + " characters): it must be " + rule + ".",
				null);
	}

}

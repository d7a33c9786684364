package io.github.sagemakerstreaming.runtime;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A stateful session opened on an endpoint with
 * {@link StreamingInferenceTemplate#openSession}: SageMaker routes every request in it to
 * the same instance, whose container keeps the session's context (its KV cache, for a
 * language model). Continue it with {@link InferenceRequest.Builder#session}; close it
 * with {@link StreamingInferenceTemplate#closeSession}.
 *
 * @param id the session id the container assigned
 * @param expiresAt when the container said the session expires, or {@code null} if it did
 * not say in a form this library reads
 * @param endpointName the endpoint the session belongs to
 * @param inferenceComponentName the inference component the session belongs to, or
 * {@code null}
 * @param openAnswer what the endpoint answered when it opened the session, or
 * {@code null} for a session made from its id
 */
public record InferenceSession(String id, @Nullable Instant expiresAt, String endpointName,
		@Nullable String inferenceComponentName, @Nullable SessionAnswer openAnswer) {

	private static final String EXPIRES = "Expires=";

	/**
	 * Creates a session.
	 * @param id the session id
	 * @param expiresAt the expiry, or {@code null}
	 * @param endpointName the endpoint
	 * @param inferenceComponentName the inference component, or {@code null}
	 * @param openAnswer what the endpoint answered when it opened the session, or
	 * {@code null}
	 */
	public InferenceSession {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(endpointName, "endpointName");
	}

	/**
	 * Makes a session from its id, to continue a session opened elsewhere (by another
	 * instance of the application, say).
	 * @param id the session id
	 * @param expiresAt the expiry, or {@code null}
	 * @param endpointName the endpoint
	 * @param inferenceComponentName the inference component, or {@code null}
	 */
	public InferenceSession(String id, @Nullable Instant expiresAt, String endpointName,
			@Nullable String inferenceComponentName) {
		this(id, expiresAt, endpointName, inferenceComponentName, null);
	}

	/**
	 * Returns whether the session has expired.
	 * @param now the time to compare with
	 * @return whether the expiry is known and before {@code now}
	 */
	public boolean isExpired(Instant now) {
		return this.expiresAt != null && now.isAfter(this.expiresAt);
	}

	/**
	 * Reads SageMaker's {@code X-Amzn-SageMaker-New-Session-Id}:
	 * {@code "<id>; Expires=<time>"}, the time in ISO-8601
	 * ({@code 2026-11-29T10:15:30Z}); a time in another form leaves the expiry unknown.
	 */
	static InferenceSession fromHeader(String header, @Nullable String inferenceComponentName,
			SessionAnswer openAnswer) {
		String endpointName = openAnswer.metadata().endpointName();
		int separator = header.indexOf(';');
		String id = ((separator < 0) ? header : header.substring(0, separator)).strip();
		Instant expiresAt = null;
		int expires = header.indexOf(EXPIRES);
		if (expires >= 0) {
			try {
				expiresAt = Instant.parse(header.substring(expires + EXPIRES.length()).strip());
			}
			catch (DateTimeParseException ex) {
				// The container chose another form: the session works, its expiry is
				// unknown.
			}
		}
		return new InferenceSession(id, expiresAt, endpointName, inferenceComponentName, openAnswer);
	}

}

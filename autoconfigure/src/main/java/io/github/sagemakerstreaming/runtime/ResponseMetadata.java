package io.github.sagemakerstreaming.runtime;

import org.jspecify.annotations.Nullable;

/**
 * What SageMaker says about a response: before the first token of a stream, or with a
 * whole answer.
 *
 * @param endpointName the endpoint that was invoked
 * @param requestId the SageMaker request id ({@code x-amzn-RequestId}), to quote to AWS
 * support
 * @param invokedProductionVariant the production variant that answered
 * @param contentType the content type the container declared
 * ({@code X-Amzn-SageMaker-Content-Type}, or {@code Content-Type} for a whole answer)
 * @param customAttributes the custom attributes the container returned, or {@code null}
 * @param newSessionId the session the container opened, with its expiry
 * ({@code X-Amzn-SageMaker-New-Session-Id}, {@code "<id>; Expires=<time>"}), or
 * {@code null}
 * @param closedSessionId the session the container closed
 * ({@code X-Amzn-SageMaker-Closed-Session-Id}), or {@code null}
 */
public record ResponseMetadata(String endpointName, String requestId, String invokedProductionVariant,
		String contentType, @Nullable String customAttributes, @Nullable String newSessionId,
		@Nullable String closedSessionId) {

	/**
	 * Creates the metadata of a response that neither opened nor closed a session, as
	 * every stream.
	 * @param endpointName the endpoint that was invoked
	 * @param requestId the SageMaker request id
	 * @param invokedProductionVariant the production variant that answered
	 * @param contentType the content type the container declared
	 * @param customAttributes the custom attributes the container returned, or
	 * {@code null}
	 */
	public ResponseMetadata(String endpointName, String requestId, String invokedProductionVariant, String contentType,
			@Nullable String customAttributes) {
		this(endpointName, requestId, invokedProductionVariant, contentType, customAttributes, null, null);
	}

}

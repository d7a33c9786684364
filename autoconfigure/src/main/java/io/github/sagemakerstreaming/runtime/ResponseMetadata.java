package io.github.sagemakerstreaming.runtime;

/**
 * What SageMaker says about a streaming response before its first token.
 *
 * @param endpointName the endpoint that was invoked
 * @param requestId the SageMaker request id ({@code x-amzn-RequestId}), to quote to AWS support
 * @param invokedProductionVariant the production variant that answered
 * @param contentType the content type the container declared ({@code X-Amzn-SageMaker-Content-Type})
 * @param customAttributes the custom attributes the container returned, or {@code null}
 */
public record ResponseMetadata(String endpointName, String requestId, String invokedProductionVariant,
		String contentType, String customAttributes) {

}
